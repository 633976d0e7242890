# shellcheck shell=bash
# Shared by the scripts that build Inquest (test, demo, install, browser-check, the
# benchmarks): links Debian's own static libgit2 (libgit2.a from libgit2-dev: the installed
# version, with Debian's security patches) and static SQLite instead of the shared libraries.
#
# Why: Inquest uses libgit2 only for the local object database and refs (fetch and push go
# through git itself). Debian's shared libgit2 is built for the network: loading it brings
# about 20 shared libraries (OpenSSL, mbedTLS, libssh2, Kerberos), and git_libgit2_init
# parses every certificate of the system's CA bundle, about 4 ms together at the start of
# every command. Linked statically, with those two initialisers replaced at link time
# (Sources/CGit2LocalOnly), the same library loads and initialises in about 0.3 ms.
# Benchmarks/README.md ("Starting fast") has the figures.
#
# How: a folder .build-static/lib (ignored by git) holds links to the static archives, and
# a pkg-config file that names them comes first on PKG_CONFIG_PATH, which is how SwiftPM
# finds the CGit2 module's library. Its -L comes first on the link line, so GRDB's
# `-lsqlite3` finds libsqlite3.a there too (Debian's, built with FTS5 like the shared one).
# When an archive is missing, the build uses the shared libraries with a warning:
# everything works, commands just start slower. INQUEST_SHARED_LIBS=1 asks for the shared
# libraries outright.

# Needs ROOT set to the repository's root; exports PKG_CONFIG_PATH.
inquest_use_static_libs() {
    if [ "${INQUEST_SHARED_LIBS:-}" = 1 ]; then
        echo "==> libgit2, SQLite: the shared libraries (INQUEST_SHARED_LIBS=1)" >&2
        return 0
    fi
    local libdir dir archive missing=() lib
    libdir=$(pkg-config --variable=libdir libgit2 2>/dev/null) || libdir=""
    dir="$ROOT/.build-static"
    # libgit2's own dependencies as Debian's pkg-config files give them for static linking
    # (libssh2 brings OpenSSL's libcrypto); Kerberos has no static archive, and stays shared.
    local static=(git2 mbedtls mbedx509 mbedcrypto http_parser ssh2 ssl crypto pcre2-8 z sqlite3)
    for lib in "${static[@]}"; do
        [ -n "$libdir" ] && [ -f "$libdir/lib$lib.a" ] || missing+=("lib$lib.a")
    done
    local gssapi
    gssapi=$(find "${libdir:-/nonexistent}" -maxdepth 1 -name 'libgssapi_krb5.so.*' 2>/dev/null | sort | head -n 1)
    [ -n "$gssapi" ] || missing+=("libgssapi_krb5.so")
    if [ "${#missing[@]}" -gt 0 ]; then
        echo "warning: no static ${missing[*]} in '${libdir:-?}'; linking the shared libraries (commands start about 4 ms slower)" >&2
        return 0
    fi
    rm -rf "$dir"
    mkdir -p "$dir/lib/pkgconfig"
    for lib in "${static[@]}"; do
        ln -s "$libdir/lib$lib.a" "$dir/lib/lib$lib.a"
    done
    ln -s "$gssapi" "$dir/lib/libgssapi_krb5.so"
    local version
    version=$(pkg-config --modversion libgit2)
    # SwiftPM asks pkg-config for --libs only: the static archive's dependencies go there.
    # The folder holds archives only, so -lgit2 finds libgit2.a there before the shared
    # library in the system folder.
    cat > "$dir/lib/pkgconfig/libgit2.pc" <<EOF
libdir=$dir/lib
includedir=$(pkg-config --variable=includedir libgit2)

Name: libgit2
Description: Debian's static libgit2 $version, linked by Inquest (scripts/lib/static-libs.sh)
Version: $version
Libs: -L\${libdir} -lgit2 -lmbedtls -lmbedx509 -lmbedcrypto -lhttp_parser -lssh2 -lssl -lcrypto -lpcre2-8 -lz -lgssapi_krb5 -lrt -lpthread -ldl -lm
Cflags: -I\${includedir}
EOF
    echo "==> libgit2 $version and SQLite: Debian's static archives ($dir/lib)" >&2
    export PKG_CONFIG_PATH="$dir/lib/pkgconfig${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"
}
