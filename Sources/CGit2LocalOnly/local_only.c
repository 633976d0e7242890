// Why this file exists: Debian's libgit2 is built for the network. Its git_libgit2_init parses
// every certificate of the system's CA bundle into mbedTLS (about 2.5 ms) and initialises
// libssh2, which loads all of OpenSSL's error strings (about 0.2 ms), on every start of every
// command, for transports Inquest never uses. The scripts link Debian's own static libgit2
// (scripts/lib/static-libs.sh: same version, same security patches) with the linker option
// --wrap for those two initialisers (Package.swift, target GitKit), so the calls land here.
//
// With the shared libgit2 (a plain `swift build`, or when the static archives are missing)
// the option changes nothing: the library's calls stay inside the library.

#include <git2.h>
#include <git2/sys/stream.h>
#include "CGit2LocalOnly.h"

// Replaces git_mbedtls_stream_global_init: no CA bundle, no TLS configuration.
int __wrap_git_mbedtls_stream_global_init(void) { return 0; }

// Replaces git_transport_ssh_global_init: libssh2 initialises itself on first use of a
// session anyway, and Inquest opens none.
int __wrap_git_transport_ssh_global_init(void) { return 0; }

static int refuse_tls(git_stream **out, const char *host, const char *port) {
    (void)host;
    (void)port;
    *out = NULL;
    git_error_set_str(GIT_ERROR_NET,
                      "Inquest does not use libgit2's network transports; fetch and push go through git");
    return -1;
}

static int refuse_tls_wrap(git_stream **out, git_stream *in, const char *host) {
    (void)in;
    return refuse_tls(out, host, NULL);
}

int inquest_git_local_only(void) {
    git_stream_registration registration = {
        .version = GIT_STREAM_VERSION,
        .init = refuse_tls,
        .wrap = refuse_tls_wrap,
    };
    return git_stream_register(GIT_STREAM_TLS, &registration);
}
