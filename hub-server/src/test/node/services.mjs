// Hub methods that take services (ServicesHub, HubMethodServicesTest) with the official client: the client sends
// only the arguments, and a call with the service's argument too is refused in SignalR's words.
// node services.mjs BASE_URL [json|messagepack]
import assert from "node:assert/strict";
import signalR from "@microsoft/signalr";
import { MessagePackHubProtocol } from "@microsoft/signalr-protocol-msgpack";

const [base, protocol = "json"] = process.argv.slice(2);
const builder = new signalR.HubConnectionBuilder()
  .withUrl(base + "/services")
  .configureLogging(signalR.LogLevel.None);
const connection = (protocol === "messagepack" ? builder.withHubProtocol(new MessagePackHubProtocol()) : builder)
  .build();

function collect(stream) {
  return new Promise((resolve, reject) => {
    const items = [];
    stream.subscribe({ next: (item) => items.push(item), complete: () => resolve(items), error: reject });
  });
}

await connection.start();
try {
  assert.equal(await connection.invoke("greet", "Ann"), "Hello, Ann");
  assert.equal(await connection.invoke("shout", "Bob"), "HEY, Bob");
  const first = await connection.invoke("callNumber");
  assert.equal(await connection.invoke("callNumber"), first + 2);
  assert.deepEqual(await collect(connection.stream("greetAll", 2)), ["Hello, #1", "Hello, #2"]);
  const names = new signalR.Subject();
  const greeted = connection.invoke("greetEach", names);
  names.next("Ann");
  names.next("Bob");
  names.complete();
  assert.equal(await greeted, "Hello, Ann.Hello, Bob.");
  await assert.rejects(connection.invoke("greet", "Ann", { greeting: "Hi" }), {
    message: "Failed to invoke 'greet' due to an error on the server. "
      + "Invocation provides 2 argument(s) but target expects 1.",
  });
  console.log("services: ok");
} finally {
  await connection.stop();
}
