// wuzha formats: the event formats, field by field (the reference in docs/formats.md).
#include <cstdio>

#include "cli/command.h"
#include "formats/reference.h"

namespace wuzha::cli {

void AddFormatsCommand(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("formats", "Print the event formats reference (Markdown)");
  cmd->callback([&exit_code] {
    std::fputs(formats::FormatReferenceMarkdown().c_str(), stdout);
    exit_code = 0;
  });
}

}  // namespace wuzha::cli
