#ifndef INQUEST_CGIT2_LOCAL_ONLY_H
#define INQUEST_CGIT2_LOCAL_ONLY_H
// libgit2 as Inquest uses it: the local object database and refs only. Fetch and push go
// through git itself (InquestCore/Sync/GitTransport.swift), never through libgit2.

// Call once, right after git_libgit2_init: registers a TLS stream that refuses, so that any
// future use of libgit2's HTTPS fails with a clear error instead of reaching a TLS layer
// that was never initialised (see local_only.c). Returns libgit2's status.
int inquest_git_local_only(void);

#endif
