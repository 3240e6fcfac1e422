-- End-to-end smoke test: drive the PolicyLang language server from headless Neovim's
-- built-in LSP client.
--
-- Neovim >= 0.9 (supports -l):
--   nvim --headless -u NONE -l e2e.lua <policyc.dll> <file.policy>
-- Any Neovim >= 0.7 (luafile; args via env):
--   POLICYC_DLL=<policyc.dll> POLICY_FILE=<file.policy> nvim --headless -u NONE -c "luafile e2e.lua"
--
-- Prints one JSON line on stdout; exit code 0 on success, 1 on failure.
-- Optional env: E2E_TIMEOUT_MS (default 30000) - per-wait timeout.

local TIMEOUT = tonumber(os.getenv("E2E_TIMEOUT_MS") or "") or 30000

local function out(s)
  io.stdout:write(s .. "\n")
  io.stdout:flush()
end

local client_id

local function finish(ok, result)
  result.ok = ok
  out(vim.json.encode(result))
  if client_id then
    -- stop_client works on every version (client.stop/is_stopped became methods in 0.11).
    vim.lsp.stop_client(client_id)
    vim.wait(5000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 50)
  end
  -- :cquit {N} exits with N (0 = success); avoids os.exit skipping nvim's cleanup.
  vim.cmd((ok and "0" or "1") .. "cquit!")
end

local function fail(msg, extra)
  local r = extra or {}
  r.error = msg
  finish(false, r)
end

-- Arguments: `-l` puts script args in _G.arg (nvim >= 0.9); otherwise use env vars.
local argv = rawget(_G, "arg") or {}
local dll = argv[1] or os.getenv("POLICYC_DLL")
local file = argv[2] or os.getenv("POLICY_FILE")
if not dll or not file then
  return fail("usage: e2e.lua <policyc.dll> <file.policy> (or POLICYC_DLL / POLICY_FILE env)")
end
file = vim.fn.fnamemodify(file, ":p")

local ok_run, err = pcall(function()
  -- Open the file first so the buffer exists with the right filetype before attaching.
  vim.cmd("edit " .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()
  vim.bo[bufnr].filetype = "policy" -- becomes languageId in didOpen

  -- Locate the param declaration line and the 2nd occurrence of office_close.
  local lines = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
  local decl_line, use_line, use_col
  local seen = 0
  for i, l in ipairs(lines) do
    if not decl_line and l:match("^%s*param%s+office_close%s*:") then
      decl_line = i - 1
    end
    local start = 1
    while true do
      local s = l:find("office_close", start, true)
      if not s then break end
      seen = seen + 1
      if seen == 2 then
        use_line = i - 1
        -- LSP character is UTF-16 based; convert from byte offset.
        local u16
        if vim.fn.has("nvim-0.11") == 1 then
          u16 = vim.str_utfindex(l, "utf-16", s - 1)
        else
          local _, x = vim.str_utfindex(l, s - 1) -- returns (utf32, utf16)
          u16 = x
        end
        use_col = u16 + 2 -- a bit inside the identifier
      end
      start = s + 1
    end
  end
  if not decl_line or not use_line then
    return fail("could not locate office_close declaration/usage in file")
  end

  local diag_received = false
  local exited = nil -- set if the server process dies
  local config = {
    name = "policyc",
    cmd = { "dotnet", dll, "lsp" },
    root_dir = vim.fn.fnamemodify(file, ":h"),
    filetypes = { "policy" },
    on_exit = function(code, signal) exited = { code = code, signal = signal } end,
    handlers = {
      ["textDocument/publishDiagnostics"] = function(e, result, ctx, cfg)
        if result and vim.uri_to_bufnr(result.uri) == bufnr then
          diag_received = true
        end
        return vim.lsp.handlers["textDocument/publishDiagnostics"](e, result, ctx, cfg)
      end,
    },
  }

  if vim.lsp.start then
    -- nvim >= 0.8: start + attach current buffer.
    client_id = vim.lsp.start(config, { bufnr = bufnr })
  else
    -- nvim 0.7: start_client + explicit attach.
    client_id = vim.lsp.start_client(config)
    if client_id then vim.lsp.buf_attach_client(bufnr, client_id) end
  end
  if not client_id then
    return fail("failed to start LSP client")
  end

  -- Wait for initialization.
  if not vim.wait(TIMEOUT, function()
    local c = vim.lsp.get_client_by_id(client_id)
    return exited ~= nil or (c ~= nil and c.initialized)
  end, 50) or exited then
    return fail(exited and ("server exited during startup, code " .. tostring(exited.code))
      or "timeout waiting for server initialization")
  end

  -- Wait for diagnostics for this buffer (handler flag; an empty list still counts).
  if not vim.wait(TIMEOUT, function() return diag_received or exited ~= nil end, 50)
    or not diag_received then
    return fail(exited and "server exited before publishing diagnostics"
      or "timeout waiting for publishDiagnostics")
  end
  local diags = vim.diagnostic.get(bufnr)
  local errors = vim.diagnostic.get(bufnr, { severity = vim.diagnostic.severity.ERROR })

  local params = {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    position = { line = use_line, character = use_col },
  }

  -- Hover.
  local hover_text = ""
  local hres, herr = vim.lsp.buf_request_sync(bufnr, "textDocument/hover", params, TIMEOUT)
  if not hres then
    return fail("hover request failed: " .. tostring(herr))
  end
  for _, r in pairs(hres) do
    if r.error then
      return fail("hover error: " .. vim.inspect(r.error))
    end
    local c = r.result and r.result.contents
    if type(c) == "string" then
      hover_text = hover_text .. c
    elseif type(c) == "table" then
      if c.value then
        hover_text = hover_text .. c.value
      else
        for _, m in ipairs(c) do
          hover_text = hover_text .. (type(m) == "string" and m or (m.value or "")) .. "\n"
        end
      end
    end
  end

  -- Definition.
  local def_line = vim.NIL
  local def_uri = vim.NIL
  local dres, derr = vim.lsp.buf_request_sync(bufnr, "textDocument/definition", params, TIMEOUT)
  if not dres then
    return fail("definition request failed: " .. tostring(derr))
  end
  for _, r in pairs(dres) do
    if r.error then
      return fail("definition error: " .. vim.inspect(r.error))
    end
    local loc = r.result
    if type(loc) == "table" and loc[1] then loc = loc[1] end -- Location[] / LocationLink[]
    if type(loc) == "table" then
      local range = loc.targetSelectionRange or loc.targetRange or loc.range
      def_uri = loc.targetUri or loc.uri or vim.NIL
      if range then def_line = range.start.line end
    end
  end

  local hover_ok = hover_text:find("§ 三（二）", 1, true) ~= nil
  local def_ok = def_line == decl_line
    and def_uri ~= vim.NIL and vim.uri_to_fname(def_uri) == file
  local result = {
    nvim = tostring(vim.version().major) .. "." .. vim.version().minor .. "." .. vim.version().patch,
    diagnostics = #diags,
    errors = #errors,
    hover_has_section = hover_ok,
    definition_line = def_line,
    expected_line = decl_line,
    query = { line = use_line, character = use_col },
  }
  if os.getenv("E2E_VERBOSE") then
    result.hover = hover_text
    result.definition_uri = def_uri
  end
  finish(#errors == 0 and hover_ok and def_ok, result)
end)

if not ok_run then
  fail("lua error: " .. tostring(err))
end
