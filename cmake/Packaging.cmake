# The Debian package: `cpack -G DEB` in a build directory (scripts/package)
# makes parlint_<version>_<arch>.deb holding everything `cmake --install`
# installs: bin/parlint, libexec/parlint/parlint-worker, the module
# lib/libparlint-tidy.so, and the runtime's headers, library and CMake
# package. The programs find the worker and the module relative to
# themselves, so the package works wherever it is unpacked.
# cpack (and `ninja install`) install what is built without building `all`
# first: scripts/package builds only the installed targets, not the tests.
set(CMAKE_SKIP_INSTALL_ALL_DEPENDENCY ON)
set(CPACK_PACKAGE_NAME parlint)
set(CPACK_PACKAGE_VENDOR parlint)
set(CPACK_PACKAGE_CONTACT "parlint maintainers <parlint@users.noreply.github.com>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
  "concurrency checks for C and C++ (clang-tidy 19 module, parlint command line, runtime library)")
set(CPACK_PACKAGE_DESCRIPTION
  "parlint finds concurrency misuse in C and C++: a thread per input element, large containers
copied into every worker, joinable threads destroyed, thread pools destroyed before their work
ran, unreaped children, fork after threads, unsynchronized shared writes. The parlint command
runs its checks over a compilation database with Debian's clang-tidy-19; the runtime library
(headers, static library, CMake package) holds the bounded pools its fix-its use.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_GENERATOR DEB)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "${PARLINT_HOMEPAGE}")
# clang-tidy-19 runs the checks when other clang-tidy checks are enabled and
# checks the configuration before a run; the shared libraries the programs
# link (libclang-cpp19, libllvm19, libfmt9, libstdc++6, libc6) come from
# dpkg-shlibdeps.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "clang-tidy-19")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
include(CPack)
