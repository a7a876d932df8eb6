-- wrk script for RoutingLoad: POST /api/v1/conversations with a new externalId each time.
-- ROTA_TOKEN and ROTA_INBOX come from the environment.
local threads = 0

function setup(thread)
  thread:set("id", threads)
  threads = threads + 1
end

function init(args)
  counter = 0
  prefix = "w" .. id .. "-" .. os.time() .. "-" .. math.random(1, 1000000000) .. "-"
  inbox = os.getenv("ROTA_INBOX")
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Authorization"] = "Bearer " .. os.getenv("ROTA_TOKEN")
end

function request()
  counter = counter + 1
  return wrk.format("POST", nil, nil,
    '{"inboxId":"' .. inbox .. '","channel":"CHAT","externalId":"' .. prefix .. counter .. '"}')
end
