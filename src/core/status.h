// Status and Result<T>: the error values that cross every module boundary.
//
// Exceptions never cross a module boundary; third-party errors are turned into a Status
// once, at the adapter. A "not found" in a list, a verdict or a score is a value, not
// an error. Codes follow abseil's guidance:
//   kInvalidArgument  the input itself is wrong, whatever the system state (bad money text)
//   kOutOfRange       the input is well formed but outside what is representable (overflow)
//   kNotFound         a named thing does not exist (a file, a config key's section)
//   kFailedPrecondition the system is not in a state to do it (output exists, not empty)
//   kDataLoss         data was lost or corrupted (truncated file)
//   kUnavailable      a dependency can be retried later (bus, database)
//   kInternal         a broken invariant that is still worth reporting instead of aborting
//   kIoError          the operating system refused a read or a write
#pragma once

#include <cassert>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>

namespace wuzha {

enum class StatusCode : int {
  kOk = 0,
  kInvalidArgument,
  kOutOfRange,
  kNotFound,
  kAlreadyExists,
  kFailedPrecondition,
  kDataLoss,
  kUnavailable,
  kUnimplemented,
  kInternal,
  kIoError,
};

// Stable lower-case name of a code ("invalid_argument"), used in logs and JSON.
std::string_view StatusCodeName(StatusCode code);

// A code plus a human message. OK statuses carry no allocation.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message);

  static Status Ok() { return Status(); }

  bool ok() const { return rep_ == nullptr; }
  StatusCode code() const { return rep_ ? rep_->code : StatusCode::kOk; }
  std::string_view message() const { return rep_ ? std::string_view(rep_->message) : ""; }

  // "invalid_argument: amount: not a number" or "ok".
  std::string ToString() const;

  // Returns a copy whose message is "<prefix>: <message>"; used to add the file, line or
  // field as an error travels outward.
  Status WithContext(std::string_view prefix) const;

  friend bool operator==(const Status& a, const Status& b) {
    return a.code() == b.code() && a.message() == b.message();
  }

 private:
  struct Rep {
    StatusCode code;
    std::string message;
  };
  std::shared_ptr<const Rep> rep_;  // shared: copying a status is cheap and immutable.
};

Status InvalidArgumentError(std::string message);
Status OutOfRangeError(std::string message);
Status NotFoundError(std::string message);
Status AlreadyExistsError(std::string message);
Status FailedPreconditionError(std::string message);
Status DataLossError(std::string message);
Status UnavailableError(std::string message);
Status UnimplementedError(std::string message);
Status InternalError(std::string message);
Status IoError(std::string message);

// Result<T> holds a T or a non-OK Status, with the surface of std::expected that we use
// (has_value, value, operator*, error), so it can become an alias when the toolchain allows.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(const T& value) : v_(value) {}  // NOLINT: implicit by design, like expected.
  Result(T&& value) : v_(std::move(value)) {}  // NOLINT
  Result(Status status) : v_(std::move(status)) {  // NOLINT
    assert(!std::get<Status>(v_).ok() && "Result built from an OK status");
  }
  template <typename U, typename = std::enable_if_t<std::is_constructible_v<T, U&&> &&
                                                    !std::is_same_v<std::decay_t<U>, Status> &&
                                                    !std::is_same_v<std::decay_t<U>, T>>>
  Result(U&& value) : v_(T(std::forward<U>(value))) {}  // NOLINT

  bool ok() const { return v_.index() == 0; }
  bool has_value() const { return ok(); }
  explicit operator bool() const { return ok(); }

  const T& value() const& { return std::get<0>(v_); }
  T& value() & { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }

  // The error; Status::Ok() when a value is held.
  Status status() const { return ok() ? Status::Ok() : std::get<1>(v_); }
  const Status& error() const { return std::get<1>(v_); }

  template <typename U>
  T value_or(U&& fallback) const& {
    return ok() ? value() : static_cast<T>(std::forward<U>(fallback));
  }

 private:
  std::variant<T, Status> v_;
};

}  // namespace wuzha

#define WUZHA_STATUS_CONCAT_INNER_(a, b) a##b
#define WUZHA_STATUS_CONCAT_(a, b) WUZHA_STATUS_CONCAT_INNER_(a, b)

// Returns the status from the enclosing function when `expr` is not OK.
#define WUZHA_RETURN_IF_ERROR(expr)                  \
  do {                                               \
    ::wuzha::Status wuzha_status_ = (expr);          \
    if (!wuzha_status_.ok()) return wuzha_status_;   \
  } while (0)

// WUZHA_ASSIGN_OR_RETURN(auto x, Compute()); declares x from a Result or returns its error.
#define WUZHA_ASSIGN_OR_RETURN(lhs, expr) \
  WUZHA_ASSIGN_OR_RETURN_IMPL_(WUZHA_STATUS_CONCAT_(wuzha_result_, __LINE__), lhs, expr)
#define WUZHA_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                                 \
  if (!tmp.ok()) return tmp.error();                 \
  lhs = std::move(tmp).value()

// Aborts on a broken invariant. Never reachable from user input.
#define WUZHA_CHECK(cond)                                                        \
  do {                                                                           \
    if (!(cond)) ::wuzha::internal_check::Fail(#cond, __FILE__, __LINE__);        \
  } while (0)

namespace wuzha::internal_check {
[[noreturn]] void Fail(const char* cond, const char* file, int line);
}
