#include "parlint/shared_memory.h"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <string>
#include <system_error>
#include <utility>

namespace parlint {
namespace {

constexpr const char* kPrefix = "parlint.";
constexpr std::size_t kMaxNameLength = 200;

[[noreturn]] void throw_errno(int error, const std::string& what) {
  throw std::system_error(error, std::generic_category(), what);
}

// Closes a descriptor on every path out of a function.
struct FdGuard {
  int fd;
  ~FdGuard() {
    if (fd >= 0) ::close(fd);
  }
};

void* map_fd(int fd, std::size_t bytes, const std::string& name) {
  void* p = ::mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  if (p == MAP_FAILED) throw_errno(errno, "parlint: mmap of shared memory '" + name + "'");
  return p;
}

// Parses "parlint.<pid>.<rest>"; returns 0 if the entry is not one of ours.
pid_t creator_pid(const std::string& entry) {
  if (entry.compare(0, std::char_traits<char>::length(kPrefix), kPrefix) != 0) return 0;
  const char* digits = entry.c_str() + std::char_traits<char>::length(kPrefix);
  char* end = nullptr;
  long pid = std::strtol(digits, &end, 10);
  if (end == digits || *end != '.' || pid <= 0) return 0;
  return static_cast<pid_t>(pid);
}

}  // namespace

void SharedMemory::validate_name(const std::string& name) {
  auto reject = [&](const char* why) {
    throw_errno(EINVAL, "parlint: invalid shared memory name '" + name + "': " + why);
  };
  if (name.empty()) reject("empty");
  if (name.size() > kMaxNameLength) reject("longer than 200 characters");
  if (name.find('/') != std::string::npos) reject("contains '/'");
  if (name.find("..") != std::string::npos) reject("contains '..'");
  for (unsigned char c : name)
    if (c < 0x21 || c == 0x7f) reject("contains a space or control character");
}

SharedMemory SharedMemory::anonymous(std::size_t bytes) {
  if (bytes == 0) throw_errno(EINVAL, "parlint: shared memory of size 0");
  void* p = ::mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED)
    throw_errno(errno, "parlint: anonymous shared mapping of " + std::to_string(bytes) + " bytes");
  SharedMemory m;
  m.data_ = p;
  m.size_ = bytes;
  return m;
}

SharedMemory SharedMemory::create(const std::string& name, std::size_t bytes) {
  validate_name(name);
  if (bytes == 0) throw_errno(EINVAL, "parlint: shared memory '" + name + "' of size 0");
  std::string full = "/" + std::string(kPrefix) + std::to_string(::getpid()) + "." + name;
  FdGuard fd{::shm_open(full.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600)};
  if (fd.fd < 0) throw_errno(errno, "parlint: cannot create shared memory '" + full + "'");
  // From here on the name exists: unlink it again if anything below fails.
  auto fail = [&](int error, const std::string& what) {
    ::shm_unlink(full.c_str());
    throw_errno(error, what);
  };
  // posix_fallocate returns the error instead of setting errno.
  if (int error = ::posix_fallocate(fd.fd, 0, static_cast<off_t>(bytes)))
    fail(error, "parlint: cannot reserve " + std::to_string(bytes) + " bytes for '" + full + "'");
  void* p = ::mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_SHARED, fd.fd, 0);
  if (p == MAP_FAILED) fail(errno, "parlint: mmap of shared memory '" + full + "'");
  SharedMemory m;
  m.data_ = p;
  m.size_ = bytes;
  m.name_ = std::move(full);
  m.owner_ = true;
  return m;
}

SharedMemory SharedMemory::open(const std::string& full_name) {
  std::string bare = (!full_name.empty() && full_name[0] == '/') ? full_name.substr(1) : full_name;
  validate_name(bare);
  std::string full = "/" + bare;
  FdGuard fd{::shm_open(full.c_str(), O_RDWR | O_CLOEXEC, 0)};
  if (fd.fd < 0) throw_errno(errno, "parlint: cannot open shared memory '" + full + "'");
  struct stat st {};
  if (::fstat(fd.fd, &st) != 0) throw_errno(errno, "parlint: fstat of shared memory '" + full + "'");
  if (st.st_size <= 0) throw_errno(EINVAL, "parlint: shared memory '" + full + "' is empty");
  SharedMemory m;
  m.data_ = map_fd(fd.fd, static_cast<std::size_t>(st.st_size), full);
  m.size_ = static_cast<std::size_t>(st.st_size);
  m.name_ = std::move(full);
  return m;
}

std::size_t SharedMemory::cleanup_stale() {
  DIR* dir = ::opendir("/dev/shm");
  if (!dir) throw_errno(errno, "parlint: cannot list /dev/shm");
  std::size_t removed = 0;
  while (dirent* entry = ::readdir(dir)) {
    std::string name = entry->d_name;
    pid_t pid = creator_pid(name);
    if (pid == 0) continue;
    // ESRCH: no such process. EPERM means it exists under another user.
    if (::kill(pid, 0) == 0 || errno != ESRCH) continue;
    if (::shm_unlink(("/" + name).c_str()) == 0) ++removed;
  }
  ::closedir(dir);
  return removed;
}

SharedMemory::SharedMemory(SharedMemory&& other) noexcept
    : data_(std::exchange(other.data_, nullptr)),
      size_(std::exchange(other.size_, 0)),
      name_(std::move(other.name_)),
      owner_(std::exchange(other.owner_, false)) {
  other.name_.clear();
}

SharedMemory& SharedMemory::operator=(SharedMemory&& other) noexcept {
  if (this != &other) {
    release();
    data_ = std::exchange(other.data_, nullptr);
    size_ = std::exchange(other.size_, 0);
    name_ = std::move(other.name_);
    other.name_.clear();
    owner_ = std::exchange(other.owner_, false);
  }
  return *this;
}

SharedMemory::~SharedMemory() { release(); }

void SharedMemory::release() noexcept {
  if (data_) ::munmap(data_, size_);
  // Only the creating process unlinks: a forked child that inherited the
  // object must not remove the name from under its parent.
  if (owner_ && !name_.empty() && creator_pid(name_.substr(1)) == ::getpid())
    ::shm_unlink(name_.c_str());
  data_ = nullptr;
  size_ = 0;
  owner_ = false;
  name_.clear();
}

void SharedMemory::prefault() {
  if (!data_) return;
#ifdef MADV_POPULATE_WRITE
  if (::madvise(data_, size_, MADV_POPULATE_WRITE) == 0) return;
  // EINVAL on kernels older than 5.14: fall back to touching.
#endif
  const long page = ::sysconf(_SC_PAGESIZE);
  auto* bytes = static_cast<unsigned char*>(data_);
  // An atomic add of zero makes the page present and writable without racing
  // with another process that may already be writing to it.
  for (std::size_t off = 0; off < size_; off += static_cast<std::size_t>(page))
    __atomic_fetch_add(bytes + off, 0, __ATOMIC_RELAXED);
}

}  // namespace parlint
