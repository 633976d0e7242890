import Foundation
import Testing
import TestSupport

/// The screenshots in docs/ show what the code renders today: beside each is the sha256 of
/// the HTML it was taken from, and here that HTML is rendered again from the same fixed data
/// set (docs/demo/branch, clock pinned) and hashed. A renderer change without fresh
/// screenshots fails here; `scripts/browser-check --update-docs` refreshes them.
@Suite struct DocsScreenshotTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path
    /// The clock the screenshots were taken at (scripts/browser-check's DEMO_NOW).
    static let demoNow = "2026-11-28T12:00:00Z"

    /// The demo data set committed to a `postmortems` branch of a new bare repository.
    func demoRepository(_ tmp: TempDir, _ sandbox: Sandbox) throws -> String {
        let repo = tmp.path + "/demo.git"
        try sandbox.git(["init", "-q", "--bare", repo], in: tmp.path)
        let env = ["GIT_DIR": repo, "GIT_INDEX_FILE": tmp.path + "/index", "GIT_WORK_TREE": Self.root + "/docs/demo/branch"]
        try sandbox.git(["add", "-A", "."], in: Self.root + "/docs/demo/branch", env: env)
        let tree = try sandbox.git(["write-tree"], in: tmp.path, env: env).trimmed
        let commit = try sandbox.git(["commit-tree", "-m", "demo data", tree], in: tmp.path, env: ["GIT_DIR": repo]).trimmed
        try sandbox.git(["update-ref", "refs/heads/postmortems", commit], in: tmp.path, env: ["GIT_DIR": repo])
        return repo
    }

    func sha256(_ path: String, _ sandbox: Sandbox) throws -> String {
        let r = try sandbox.run("sha256sum", [path], cwd: "/")
        return String(r.stdout.prefix(64))
    }

    @Test func screenshotsMatchWhatTheCodeRendersToday() throws {
        let tmp = TempDir()
        let sandbox = Sandbox(home: tmp.sub("home"))
        let repo = try demoRepository(tmp, sandbox)
        let id = try String(contentsOfFile: Self.root + "/docs/demo/report-incident", encoding: .utf8).trimmed
        let env = ["INQUEST_NOW": Self.demoNow]
        try sandbox.ok(["-C", repo, "report", id, "--format", "html", "-o", tmp.path + "/report.html"], in: tmp.path, env: env)
        try sandbox.ok(["-C", repo, "site", tmp.path + "/site"], in: tmp.path, env: env)
        // Every picture in docs/screenshots: desktop, phone and print, of the report and
        // the site's pages.
        let shots = try FileManager.default.contentsOfDirectory(atPath: Self.root + "/docs/screenshots")
            .filter { $0.hasSuffix(".png") }.map { String($0.dropLast(4)) }.sorted()
        for needed in ["report", "report-phone", "report-print", "metrics", "tracker", "tracker-phone", "tracker-print"] {
            #expect(shots.contains(needed), "docs/screenshots/\(needed).png is missing")
        }
        for shot in shots {
            let png = try Data(contentsOf: URL(fileURLWithPath: "\(Self.root)/docs/screenshots/\(shot).png"))
            #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]), "\(shot).png is not a PNG")
            let recorded = try String(contentsOfFile: "\(Self.root)/docs/screenshots/\(shot).png.sha256", encoding: .utf8)
            let source = String(recorded.dropFirst(66).dropLast())
            #expect(["report.html", "site/metrics.html", "site/followups.html", "site/index.html"].contains(source), "\(shot): \(source)")
            #expect(String(recorded.prefix(64)) == (try sha256(tmp.path + "/" + source, sandbox)),
                    "docs/screenshots/\(shot).png is stale: run scripts/browser-check --update-docs")
        }
    }

    /// The real browser check (Chromium, console errors, blank screenshots, the validator):
    /// slow, so only with INQUEST_BROWSER_TESTS=1 (CI runs scripts/browser-check itself).
    @Test(.enabled(if: ProcessInfo.processInfo.environment["INQUEST_BROWSER_TESTS"] == "1"))
    func browserCheckPasses() throws {
        let tmp = TempDir()
        let sandbox = Sandbox(home: tmp.sub("home"))
        let r = try sandbox.run(Self.root + "/scripts/browser-check", [], cwd: Self.root, env: ["INQUEST_BIN": Binaries.inquest])
        #expect(r.status == 0, "\(r.stdout)\n\(r.stderr)")
        #expect(r.stdout.contains("browser-check: every check passed"))
    }
}
