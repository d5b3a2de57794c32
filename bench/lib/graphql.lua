-- wrk script: POSTs the GraphQL body in the file named by BODY with the token in TOKEN.
local f = io.open(os.getenv("BODY"), "r")
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
function response(status, headers, body)
  if status ~= 200 or string.find(body, '"errors"') then
    io.stderr:write("bad response: " .. status .. " " .. string.sub(body, 1, 200) .. "\n")
  end
end
