-- Drives argolint's language server from Neovim as a user would, after the README's
-- Neovim 0.7+ set-up has been loaded. Run by tests/it/lsp/neovim.rs:
--   nvim --headless --clean -c "luafile <setup>" -c "luafile driver.lua"
-- with the workspace as the current directory. Writes one `key=value` line per check to
-- $ARGOLINT_NVIM_OUT, then quits; the Rust test reads the lines and the files on disk.

local out = assert(io.open(os.getenv("ARGOLINT_NVIM_OUT"), "w"))
local function say(key, value)
  out:write(key .. "=" .. tostring(value) .. "\n")
  out:flush()
end

local function finish(code)
  out:close()
  vim.cmd((code == 0) and "qa!" or ("cq " .. code))
end

-- Any Lua error ends the run with what went wrong, rather than a hang.
local ok, err = pcall(function()
  local root = vim.fn.getcwd()
  vim.cmd("edit " .. root .. "/pipeline.yaml")
  local attached = vim.wait(15000, function()
    return #vim.lsp.buf_get_clients(0) > 0
  end, 50)
  say("attached", attached)
  if not attached then return end
  local client = vim.lsp.buf_get_clients(0)[next(vim.lsp.buf_get_clients(0))]
  say("server", client.name)

  -- Diagnostics arrive for the opened file.
  local got = vim.wait(15000, function() return #vim.diagnostic.get(0) > 0 end, 50)
  say("diagnostics", got and #vim.diagnostic.get(0) or 0)

  -- 1. Go to definition across files: from `template: fetch-data` (a templateRef) to the
  -- WorkflowTemplate in library/shared.yaml.
  vim.fn.search([[template: \zsfetch-data]])
  local from = vim.api.nvim_get_current_buf()
  vim.lsp.buf.definition()
  vim.wait(10000, function() return vim.api.nvim_get_current_buf() ~= from end, 50)
  local name = vim.api.nvim_buf_get_name(0)
  local pos = vim.api.nvim_win_get_cursor(0)
  say("definition", vim.fn.fnamemodify(name, ":t") .. ":" .. pos[1] .. ":" .. pos[2])
  say("definition_line", vim.api.nvim_get_current_line())

  -- 2. Complete `{{inputs.parameters.` in the script of template `print`.
  vim.cmd("edit " .. root .. "/pipeline.yaml")
  local line = vim.fn.search('print("{{inputs.parameters.message}}")')
  local typed = '          print("{{inputs.parameters.'
  vim.api.nvim_buf_set_lines(0, line, line, false, { typed })
  vim.api.nvim_win_set_cursor(0, { line + 1, #typed })
  local params = vim.lsp.util.make_position_params()
  local responses = vim.lsp.buf_request_sync(0, "textDocument/completion", params, 10000) or {}
  local labels = {}
  for _, r in pairs(responses) do
    local items = r.result and (r.result.items or r.result) or {}
    for _, item in ipairs(items) do table.insert(labels, item.label) end
  end
  table.sort(labels)
  say("completion", table.concat(labels, ","))
  -- Undo the typing: the rename below must see the file as it is on disk.
  vim.api.nvim_buf_set_lines(0, line, line + 1, false, {})

  -- 3. Rename the template `fetch-data` (declared in library/shared.yaml, used here and in
  -- nightly.yaml) and write every changed buffer.
  vim.fn.search([[template: \zsfetch-data]], "w")
  vim.lsp.buf.rename("get-data")
  local renamed = vim.wait(10000, function()
    return vim.fn.search("template: get-data", "nw") > 0
  end, 50)
  say("renamed_here", renamed)
  vim.cmd("silent! wall")
end)
if not ok then say("lua_error", err) end
finish(ok and 0 or 3)
