-- Neovim's built-in LSP client against `systemcraft lsp`, headless (tests/lsp.rs).
-- Written for the 0.7 API of Debian bookworm's neovim: vim.lsp.start_client and
-- vim.lsp.buf_attach_client (vim.lsp.start only exists from 0.8).
-- Opens a story, waits for its diagnostics, applies the quick fix for the misspelt
-- principle, saves, and waits for the diagnostic to go. Writes what it saw to
-- $SC_OUT, one `key=value` a line; exits 0 when every step worked.

local out = assert(io.open(os.getenv('SC_OUT'), 'w'))
local function say(key, value)
  out:write(key .. '=' .. tostring(value) .. '\n')
  out:flush()
end
local function fail(why)
  say('error', why)
  out:close()
  vim.cmd('cquit 1')
end

local client_id = vim.lsp.start_client({
  cmd = { os.getenv('SC_BIN'), 'lsp' },
  root_dir = os.getenv('SC_ROOT'),
  name = 'systemcraft',
})
if not client_id then return fail('start_client') end

vim.cmd('edit ' .. vim.fn.fnameescape(os.getenv('SC_FILE')))
local bufnr = vim.api.nvim_get_current_buf()
vim.lsp.buf_attach_client(bufnr, client_id)

local function find(code)
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if d.code == code then return d end
  end
end

if not vim.wait(20000, function() return find('schema/unknown-principle') ~= nil end, 50) then
  return fail('no schema/unknown-principle diagnostic')
end
local d = find('schema/unknown-principle')
say('diagnostics', #vim.diagnostic.get(bufnr))
say('principle_line', d.lnum)
say('principle_col', d.col)
say('we_not_i', find('star/we-not-i') ~= nil)

local client = vim.lsp.get_client_by_id(client_id)
-- The diagnostic back in the protocol's shape, as vim.lsp.buf.code_action sends it.
local range = {
  start = { line = d.lnum, character = d.col },
  ['end'] = { line = d.end_lnum, character = d.end_col },
}
local lsp_diagnostic = vim.tbl_extend('keep', { range = range, message = d.message, code = d.code,
  source = d.source, severity = d.severity }, d.user_data and d.user_data.lsp or {})
local params = {
  textDocument = { uri = vim.uri_from_bufnr(bufnr) },
  range = range,
  context = { diagnostics = { lsp_diagnostic } },
}
local response = client.request_sync('textDocument/codeAction', params, 10000, bufnr)
if not response or response.err or not response.result or not response.result[1] then
  return fail('no code action: ' .. vim.inspect(response))
end
local action = response.result[1]
say('action', action.title)
vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding or 'utf-16')
say('line', vim.api.nvim_buf_get_lines(bufnr, d.lnum, d.lnum + 1, false)[1])

vim.cmd('write')
if not vim.wait(20000, function() return find('schema/unknown-principle') == nil end, 50) then
  return fail('the diagnostic stayed after the fix')
end
say('fixed', true)

vim.lsp.stop_client(client_id)
vim.wait(5000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 50)
say('done', true)
out:close()
vim.cmd('qa!')
