import Foundation
import InquestCLI
import Testing
import TestSupport

/// `--version` and `--help` answer at once, anywhere: no repository, no configuration.
@Suite struct StartupTests {
    @Test func versionAndHelpNeedNoRepository() throws {
        let tmp = TempDir()
        let sandbox = Sandbox(home: tmp.sub("home"))
        let nowhere = tmp.sub("not-a-repository")
        let version = try sandbox.inquest(["--version"], in: nowhere)
        #expect(version.status == 0)
        #expect(version.stdout == InquestVersion.text + "\n")
        #expect(version.stderr.isEmpty)
        let help = try sandbox.inquest(["--help"], in: nowhere)
        #expect(help.status == 0)
        #expect(help.stdout.contains("search"))
        #expect(help.stdout.contains("--version"))
        // After a global option too.
        let viaGit = try sandbox.inquest(["--no-index", "--version"], in: nowhere)
        #expect(viaGit.stdout == InquestVersion.text + "\n")
    }
}
