#ifndef INQUEST_CGIT2_SHIM_H
#define INQUEST_CGIT2_SHIM_H
// Every C quirk of libgit2 that Swift cannot import lives here.
#include <git2.h>
// The in-memory object backend is a "sys" header that git2.h leaves out.
#include <git2/sys/mempack.h>
// zlib (which libgit2 itself depends on) compresses the objects of packs written directly.
#include <zlib.h>

// GIT_OID_HEXSZ is a macro expression Swift sees, but keep one name for it.
static inline int inquest_git_oid_hexsz(void) { return GIT_OID_HEXSZ; }

// git_libgit2_opts is variadic; wrap the one option we need.
static inline int inquest_git_set_owner_validation(int enabled) {
    return git_libgit2_opts(GIT_OPT_SET_OWNER_VALIDATION, enabled);
}

// Trees larger than libgit2's default cache limit (4 KiB) would be inflated again on every
// path lookup; a month of incidents is such a tree.
static inline int inquest_git_set_tree_cache_limit(size_t bytes) {
    return git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, GIT_OBJECT_TREE, bytes);
}

#endif
