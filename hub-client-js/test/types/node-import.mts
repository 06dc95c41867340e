// Compiled by `npm run check`: an ES module in Node resolves the package's "import" declarations by its name.
import { HttpTransportType, HubConnectionBuilder, type HubConnection } from "@switchboard/hub-client";

export const connection: HubConnection = new HubConnectionBuilder()
    .withUrl("http://localhost:8080/chat", { transport: HttpTransportType.WebSockets, skipNegotiation: true })
    .build();

import { MessagePackHubProtocol } from "@switchboard/hub-client/msgpack";

new HubConnectionBuilder().withUrl("http://localhost:8080/chat").withHubProtocol(new MessagePackHubProtocol()).build();
