#include "core/status.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

namespace wuzha {
namespace {

TEST(Status, DefaultIsOkWithoutMessage) {
  Status s;
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kOk);
  EXPECT_EQ(s.message(), "");
  EXPECT_EQ(s.ToString(), "ok");
  EXPECT_EQ(s, Status::Ok());
}

TEST(Status, OkCodeWithMessageIsStillOk) {
  Status s(StatusCode::kOk, "ignored");
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(s.message(), "");
}

TEST(Status, ErrorFactoriesSetTheirCode) {
  EXPECT_EQ(InvalidArgumentError("m").code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(OutOfRangeError("m").code(), StatusCode::kOutOfRange);
  EXPECT_EQ(NotFoundError("m").code(), StatusCode::kNotFound);
  EXPECT_EQ(AlreadyExistsError("m").code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(FailedPreconditionError("m").code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(DataLossError("m").code(), StatusCode::kDataLoss);
  EXPECT_EQ(UnavailableError("m").code(), StatusCode::kUnavailable);
  EXPECT_EQ(UnimplementedError("m").code(), StatusCode::kUnimplemented);
  EXPECT_EQ(InternalError("m").code(), StatusCode::kInternal);
  EXPECT_EQ(IoError("m").code(), StatusCode::kIoError);
  EXPECT_FALSE(IoError("m").ok());
}

TEST(Status, CodeNamesAreStableLowerCase) {
  EXPECT_EQ(StatusCodeName(StatusCode::kOk), "ok");
  EXPECT_EQ(StatusCodeName(StatusCode::kInvalidArgument), "invalid_argument");
  EXPECT_EQ(StatusCodeName(StatusCode::kOutOfRange), "out_of_range");
  EXPECT_EQ(StatusCodeName(StatusCode::kNotFound), "not_found");
  EXPECT_EQ(StatusCodeName(StatusCode::kAlreadyExists), "already_exists");
  EXPECT_EQ(StatusCodeName(StatusCode::kFailedPrecondition), "failed_precondition");
  EXPECT_EQ(StatusCodeName(StatusCode::kDataLoss), "data_loss");
  EXPECT_EQ(StatusCodeName(StatusCode::kUnavailable), "unavailable");
  EXPECT_EQ(StatusCodeName(StatusCode::kUnimplemented), "unimplemented");
  EXPECT_EQ(StatusCodeName(StatusCode::kInternal), "internal");
  EXPECT_EQ(StatusCodeName(StatusCode::kIoError), "io_error");
}

TEST(Status, ToStringJoinsCodeNameAndMessage) {
  EXPECT_EQ(InvalidArgumentError("amount: not a number").ToString(),
            "invalid_argument: amount: not a number");
}

TEST(Status, WithContextPrefixesMessageAndKeepsCode) {
  Status s = OutOfRangeError("too large").WithContext("line 7").WithContext("in.csv");
  EXPECT_EQ(s.code(), StatusCode::kOutOfRange);
  EXPECT_EQ(s.message(), "in.csv: line 7: too large");
}

TEST(Status, WithContextOnOkStaysOk) {
  Status s = Status::Ok().WithContext("in.csv");
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(s.message(), "");
}

TEST(Status, CopiesCompareEqualAndDifferentMessagesDoNot) {
  Status a = NotFoundError("x");
  Status b = a;
  EXPECT_EQ(a, b);
  EXPECT_FALSE(a == NotFoundError("y"));
  EXPECT_FALSE(a == InternalError("x"));
}

TEST(Result, HoldsValue) {
  Result<int> r = 42;
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r.has_value());
  EXPECT_TRUE(static_cast<bool>(r));
  EXPECT_EQ(*r, 42);
  EXPECT_EQ(r.value(), 42);
  EXPECT_TRUE(r.status().ok());
  EXPECT_EQ(r.value_or(7), 42);
}

TEST(Result, HoldsError) {
  Result<int> r = DataLossError("truncated");
  ASSERT_FALSE(r.ok());
  EXPECT_FALSE(r.has_value());
  EXPECT_EQ(r.status().code(), StatusCode::kDataLoss);
  EXPECT_EQ(r.error().message(), "truncated");
  EXPECT_EQ(r.value_or(7), 7);
}

TEST(Result, ConvertsFromConstructibleType) {
  Result<std::string> r = "text";  // const char* -> std::string
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->size(), 4u);
  EXPECT_EQ(*r, "text");
}

TEST(Result, MovesOutMoveOnlyValue) {
  Result<std::unique_ptr<int>> r = std::make_unique<int>(5);
  ASSERT_TRUE(r.ok());
  std::unique_ptr<int> p = std::move(r).value();
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(*p, 5);
}

Status FailWhen(bool fail) { return fail ? InvalidArgumentError("failed") : Status::Ok(); }

Status ReturnIfError(bool fail, int& reached) {
  WUZHA_RETURN_IF_ERROR(FailWhen(fail));
  ++reached;
  return Status::Ok();
}

TEST(StatusMacros, ReturnIfErrorPropagatesOnlyErrors) {
  int reached = 0;
  EXPECT_TRUE(ReturnIfError(false, reached).ok());
  EXPECT_EQ(reached, 1);
  Status s = ReturnIfError(true, reached);
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(reached, 1);
}

Result<std::unique_ptr<int>> MakeBox(int v) {
  if (v < 0) return OutOfRangeError("negative");
  return std::make_unique<int>(v);
}

Result<int> DoubleBox(int v) {
  WUZHA_ASSIGN_OR_RETURN(std::unique_ptr<int> box, MakeBox(v));
  WUZHA_ASSIGN_OR_RETURN(auto again, MakeBox(*box * 2));  // two uses in one scope
  return *again;
}

TEST(StatusMacros, AssignOrReturnAssignsValueOrReturnsError) {
  Result<int> ok = DoubleBox(21);
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(*ok, 42);
  Result<int> bad = DoubleBox(-1);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code(), StatusCode::kOutOfRange);
  EXPECT_EQ(bad.error().message(), "negative");
}

TEST(StatusMacrosDeathTest, CheckAbortsOnBrokenInvariant) {
  EXPECT_DEATH(WUZHA_CHECK(1 + 1 == 3), "invariant broken: 1 \\+ 1 == 3");
}

}  // namespace
}  // namespace wuzha
