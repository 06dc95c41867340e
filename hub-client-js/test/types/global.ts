// A classic page using the global that switchboard.min.js defines, exactly as with @microsoft/signalr.
/// <reference path="../../types/switchboard.d.ts" />

const page = new signalR.HubConnectionBuilder()
    .withUrl("/chat")
    .withAutomaticReconnect()
    .configureLogging(signalR.LogLevel.Information)
    .build();
page.on("message", (user: string, text: string) => console.log(user, text));
page.start().then(() => page.invoke("join", "ada"));
const stopped: boolean = page.state === signalR.HubConnectionState.Disconnected;
console.log(stopped);
