#include "sim/engine.h"

#include "sim/internal/world.h"

namespace wuzha::sim {

Engine::Engine(const City& city, EngineOptions options)
    : world_(std::make_unique<internal::World>(city, options)) {}

Engine::~Engine() = default;

Status Engine::Run(EventSink& sink) {
  if (world_->options().slice_ms <= 0) return InvalidArgumentError("slice_ms must be positive");
  if (world_->options().days < 0) return InvalidArgumentError("days must not be negative");
  while (!world_->done()) WUZHA_RETURN_IF_ERROR(world_->Step(sink));
  return Status::Ok();
}

Status Engine::Step(EventSink& sink) { return world_->Step(sink); }
bool Engine::done() const { return world_->done(); }
Timestamp Engine::now() const { return Timestamp::FromMillis(world_->now()); }
void Engine::Act(Action action) { world_->Act(std::move(action)); }
void Engine::set_transfer_gate(TransferGate* gate) { world_->set_gate(gate); }
const Engine::Stats& Engine::stats() const { return world_->stats(); }
int64_t Engine::TotalBalanceFen() const { return world_->TotalBalance(); }

int64_t Engine::BalanceFen(const std::string& account) const {
  const uint32_t index = world_->FindAccount(account);
  return index == internal::kOutside ? 0 : world_->balance(index);
}

int64_t Engine::BalanceFen(uint32_t account) const { return world_->balance(account); }

Truth Engine::truth() const { return world_->BuildTruth(); }

}  // namespace wuzha::sim
