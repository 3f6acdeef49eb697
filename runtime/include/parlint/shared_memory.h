// parlint::SharedMemory: one mapping of memory that several processes see.
//
// Two kinds:
//  - anonymous (MAP_SHARED | MAP_ANONYMOUS): no name; children forked after its
//    creation inherit the mapping at the same address.
//  - named (POSIX shm_open): created by one process (the owner, which unlinks it
//    on destruction) and opened by unrelated processes by name.
//
// Named segments are created with O_CREAT | O_EXCL and mode 0600, their backing
// store is reserved up front (posix_fallocate) so a full /dev/shm fails here
// with ENOSPC instead of a SIGBUS later, and their name carries the creator's
// pid ("/parlint.<pid>.<name>") so cleanup_stale() can remove the segments of
// creators that died without unlinking them.
//
// Every failure is a std::system_error carrying the errno and its text.
#pragma once

#include <cstddef>
#include <string>

namespace parlint {

class SharedMemory {
 public:
  // Anonymous shared mapping of `bytes` bytes (zero-filled).
  static SharedMemory anonymous(std::size_t bytes);
  // New named segment "/parlint.<pid>.<name>" owned by this object. `name`
  // must be non-empty, at most 200 characters, without '/' and without "..".
  static SharedMemory create(const std::string& name, std::size_t bytes);
  // Opens a segment created elsewhere; `full_name` is what name() returned in
  // the creator (with or without the leading '/'). The opener never unlinks.
  static SharedMemory open(const std::string& full_name);

  // Removes /dev/shm segments named by parlint whose creator process no longer
  // exists; returns how many were removed. (A recycled pid keeps a segment
  // alive: stale segments are removed late, never live ones early.)
  static std::size_t cleanup_stale();

  // Throws std::system_error(EINVAL) unless `name` is acceptable to create().
  static void validate_name(const std::string& name);

  SharedMemory() = default;
  SharedMemory(SharedMemory&& other) noexcept;
  SharedMemory& operator=(SharedMemory&& other) noexcept;
  SharedMemory(const SharedMemory&) = delete;
  SharedMemory& operator=(const SharedMemory&) = delete;
  ~SharedMemory();

  void* data() const { return data_; }
  std::size_t size() const { return size_; }
  // "/parlint.<pid>.<name>" for named segments, empty for anonymous ones.
  const std::string& name() const { return name_; }
  bool is_owner() const { return owner_; }

  // Maps every page writable now, so first-touch page faults happen here and
  // not in a worker's hot loop. Uses MADV_POPULATE_WRITE where the kernel has
  // it, else touches one byte per page without changing its value.
  void prefault();

 private:
  void release() noexcept;

  void* data_ = nullptr;
  std::size_t size_ = 0;
  std::string name_;
  bool owner_ = false;
};

}  // namespace parlint
