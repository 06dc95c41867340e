// Connects to the plain WebSocket endpoint at /echo when the page loads and shows what comes back.
"use strict";

const byId = (id) => document.getElementById(id);
const stateLabel = byId("state");
const form = byId("send-form");
const message = byId("message");
const sendButton = byId("send");
const closeButton = byId("close");
const echoes = byId("echoes");

const scheme = location.protocol === "https:" ? "wss:" : "ws:";
const socket = new WebSocket(`${scheme}//${location.host}/echo`);

function showState(state, text) {
  stateLabel.dataset.state = state;
  stateLabel.textContent = text;
}

function enable(on) {
  for (const control of [message, sendButton, closeButton]) {
    control.disabled = !on;
  }
}

socket.addEventListener("open", () => {
  showState("open", "Open");
  enable(true);
  message.focus();
});

socket.addEventListener("message", (event) => {
  const item = document.createElement("li");
  item.textContent = event.data;
  echoes.append(item);
  byId("no-echoes").hidden = true;
});

socket.addEventListener("close", (event) => {
  showState("closed", "Closed");
  enable(false);
  byId("close-code").textContent = String(event.code);
  byId("close-reason").textContent = event.reason;
  byId("close-reason-part").hidden = event.reason === "";
  byId("closed").hidden = false;
});

form.addEventListener("submit", (event) => {
  event.preventDefault();
  if (message.value === "" || socket.readyState !== WebSocket.OPEN) {
    return;
  }
  socket.send(message.value);
  message.value = "";
  message.focus();
});

closeButton.addEventListener("click", () => {
  showState("closing", "Closing");
  enable(false);
  socket.close(1000, "Closed by the user");
});
