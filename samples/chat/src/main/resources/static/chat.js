/*
 * The Switchboard chat page. It talks to the ChatHub at /chat through the SignalR JavaScript client
 * API, the global `signalR` from /switchboard/switchboard.min.js, and uses nothing beyond that API
 * except the optional `connection.transport` (the name of the transport in use).
 *
 * Forcing a transport: add ?transport=webSockets, serverSentEvents or longPolling (any case) to the
 * page's URL; without it the client negotiates.
 *
 * Elements, by id (a contract for the browser tests: keep it stable):
 *   #state          the connection state. Its text contains "Connecting", "Connected", "Reconnecting"
 *                   or "Disconnected"; data-state is "connecting", "connected", "reconnecting" or
 *                   "disconnected"; data-transport is the transport in use ("WebSockets",
 *                   "ServerSentEvents", "LongPolling", or "unknown" when the client does not tell), kept
 *                   while reconnecting, and "" while connecting or disconnected.
 *   #reconnect      shown once disconnected for good: starts a new connection and joins again.
 *   #error          the last error, hub errors without the server's "... HubException: " prefix;
 *                   empty when there is none. #dismiss-error clears it.
 *   #join-section   the nickname form (#join-form): #nickname and the #join button. Hidden while joined.
 *   #me-section     shown while joined; #me holds the nickname.
 *   #messages       an <ol>; each message is an <li class="message"> with data-from (the nickname),
 *                   data-room (the room, "" for a message to everyone) and data-own ("true" for the
 *                   user's own messages, which also have the class "own"); its children are .from,
 *                   .room (room messages only), <time class="time"> and .text (the text).
 *   #message-form   #target, a <select> whose value is "" (Everyone) or a room the user is in;
 *                   #message, the text; #send. Enabled while joined and connected.
 *   #users          a <ul>; each <li> holds exactly one nickname (also in data-nickname); the user's own
 *                   has the class "me". #user-count is their number.
 *   #room-form      #room, a room name; #join-room joins it, #leave-room leaves it.
 *   #rooms          a <ul> of the rooms the user is in; each <li data-room="name"> holds a button whose
 *                   text is exactly the room name and which picks the room as #target and in #room.
 *
 * After an automatic reconnect the server sees a new connection, so the page joins again with the same
 * nickname and rooms and refreshes the user list; if the nickname was taken meanwhile, it shows the
 * error and returns to the nickname form. User text only ever goes into the page through textContent.
 */
(() => {
  "use strict";

  const MAX_MESSAGES = 500;
  const TRANSPORTS = {
    websockets: "WebSockets",
    serversentevents: "ServerSentEvents",
    longpolling: "LongPolling",
  };

  const $ = (id) => document.getElementById(id);
  const el = {
    state: $("state"),
    reconnect: $("reconnect"),
    error: $("error"),
    errorBar: $("error-bar"),
    dismissError: $("dismiss-error"),
    joinSection: $("join-section"),
    joinForm: $("join-form"),
    nickname: $("nickname"),
    join: $("join"),
    meSection: $("me-section"),
    me: $("me"),
    scroller: $("message-scroller"),
    messages: $("messages"),
    noMessages: $("no-messages"),
    messageForm: $("message-form"),
    target: $("target"),
    message: $("message"),
    send: $("send"),
    composerHint: $("composer-hint"),
    users: $("users"),
    userCount: $("user-count"),
    noUsers: $("no-users"),
    roomForm: $("room-form"),
    room: $("room"),
    joinRoom: $("join-room"),
    leaveRoom: $("leave-room"),
    rooms: $("rooms"),
    noRooms: $("no-rooms"),
    announcer: $("announcer"),
  };

  /** What the page knows; the server forgets all of it when the connection changes. */
  const session = {
    phase: "connecting", // connecting | connected | reconnecting | disconnected
    transport: "", // the transport in use, or the last one while reconnecting
    nickname: null, // set while joined
    rooms: [], // the rooms joined, in joining order
    users: [],
    busy: false, // a join (or a re-join after reconnecting) is under way
  };
  let leaving = false; // the page is being hidden or unloaded: the connection is stopped on purpose

  // ---- Errors -------------------------------------------------------------------------------------

  /** The message of a failure; hub errors lose the server's "An unexpected error ... HubException: ". */
  function describe(err) {
    const text = err && err.message ? String(err.message) : String(err);
    const marker = "HubException: ";
    const at = text.indexOf(marker);
    return at >= 0 ? text.slice(at + marker.length) : text;
  }

  function showError(text) {
    el.error.textContent = text;
    el.errorBar.classList.add("visible");
    el.dismissError.hidden = false;
  }

  function clearError() {
    el.error.textContent = "";
    el.errorBar.classList.remove("visible");
    el.dismissError.hidden = true;
  }

  function announce(text) {
    el.announcer.textContent = text;
  }

  // ---- The client library -------------------------------------------------------------------------

  if (typeof window.signalR === "undefined") {
    setPhase("disconnected");
    showError("The chat client (/switchboard/switchboard.min.js) could not be loaded.");
    el.reconnect.hidden = true;
    return;
  }
  const signalR = window.signalR;

  let forcedTransport = null;
  const requested = new URLSearchParams(window.location.search).get("transport");
  if (requested) {
    forcedTransport = TRANSPORTS[requested.toLowerCase()] || null;
    if (!forcedTransport) {
      showError(`Unknown transport "${requested}": use webSockets, serverSentEvents or longPolling. `
        + "Letting the client choose instead.");
    }
  }

  const connection = new signalR.HubConnectionBuilder()
    .withUrl("/chat", forcedTransport ? { transport: signalR.HttpTransportType[forcedTransport] } : {})
    .withAutomaticReconnect()
    .configureLogging(signalR.LogLevel.Information)
    .build();

  /** The transport in use: our client tells; with another, only a forced transport is known. */
  function transportInUse() {
    let name = null;
    try {
      name = connection.transport;
    } catch (e) {
      name = null;
    }
    return (typeof name === "string" && name) || forcedTransport || "unknown";
  }

  // ---- Connection state ---------------------------------------------------------------------------

  function setPhase(phase) {
    session.phase = phase;
    let label;
    let detail = "";
    if (phase === "connected") {
      session.transport = transportInUse();
      label = "Connected";
      detail = session.transport === "unknown" ? "" : `via ${session.transport}`;
    } else if (phase === "reconnecting") {
      label = "Reconnecting…";
      detail = session.transport && session.transport !== "unknown" ? `(${session.transport})` : "";
    } else if (phase === "disconnected") {
      session.transport = "";
      label = "Disconnected";
    } else {
      session.transport = "";
      label = "Connecting…";
    }
    el.state.dataset.state = phase;
    el.state.dataset.transport = session.transport;
    el.state.replaceChildren();
    const dot = document.createElement("span");
    dot.className = "state-dot";
    dot.setAttribute("aria-hidden", "true");
    const strong = document.createElement("span");
    strong.className = "state-label";
    strong.textContent = label;
    el.state.append(dot, strong);
    if (detail) {
      const small = document.createElement("span");
      small.className = "state-detail";
      small.textContent = ` ${detail}`;
      el.state.append(small);
    }
    if (el.reconnect) {
      el.reconnect.hidden = phase !== "disconnected";
    }
    if (el.send) {
      updateControls();
    }
  }

  /** Enables what makes sense now: chatting needs a nickname and a live connection. */
  function updateControls() {
    const joined = session.nickname !== null;
    const live = session.phase === "connected" && !session.busy;
    el.joinSection.hidden = joined;
    el.meSection.hidden = !joined;
    el.join.disabled = session.busy;
    el.message.disabled = !joined;
    el.room.disabled = !joined;
    for (const control of [el.target, el.send, el.joinRoom, el.leaveRoom]) {
      control.disabled = !(joined && live);
    }
    let hint = "";
    if (!joined) {
      hint = "Join with a nickname to send messages.";
    } else if (!live) {
      hint = session.phase === "disconnected" ? "Not connected: use Reconnect to chat again."
        : "Waiting for the connection…";
    }
    el.composerHint.textContent = hint;
    el.composerHint.hidden = !hint;
  }

  // ---- Users --------------------------------------------------------------------------------------

  const byName = (a, b) => {
    const x = a.toLowerCase();
    const y = b.toLowerCase();
    return x < y ? -1 : x > y ? 1 : 0;
  };

  function setUsers(list) {
    session.users = Array.isArray(list) ? list.map(String).sort(byName) : [];
    renderUsers();
  }

  function renderUsers() {
    const items = session.users.map((name) => {
      const li = document.createElement("li");
      li.textContent = name;
      li.dataset.nickname = name;
      if (name === session.nickname) {
        li.classList.add("me");
      }
      return li;
    });
    el.users.replaceChildren(...items);
    el.userCount.textContent = String(items.length);
    el.noUsers.hidden = items.length > 0;
  }

  async function refreshUsers() {
    try {
      setUsers(await connection.invoke("users"));
    } catch (err) {
      showError(describe(err));
    }
  }

  // ---- Rooms --------------------------------------------------------------------------------------

  function renderRooms() {
    const selected = el.target.value;
    el.rooms.replaceChildren(...session.rooms.map((room) => {
      const li = document.createElement("li");
      li.dataset.room = room;
      const button = document.createElement("button");
      button.type = "button";
      button.className = "room-chip";
      button.textContent = room;
      button.title = "Send to this room";
      button.addEventListener("click", () => {
        el.target.value = room;
        el.room.value = room;
        syncTarget();
        el.message.focus();
      });
      li.append(button);
      return li;
    }));
    el.noRooms.hidden = session.rooms.length > 0;

    const everyone = document.createElement("option");
    everyone.value = "";
    everyone.textContent = "Everyone";
    el.target.replaceChildren(everyone, ...session.rooms.map((room) => {
      const option = document.createElement("option");
      option.value = room;
      option.textContent = `Room: ${room}`;
      return option;
    }));
    el.target.value = session.rooms.includes(selected) ? selected : "";
    syncTarget();
  }

  /** Marks the room the message form sends to and says so on the Send button. */
  function syncTarget() {
    const room = el.target.value;
    for (const li of el.rooms.children) {
      li.firstElementChild.setAttribute("aria-pressed", String(li.dataset.room === room));
    }
    el.send.textContent = room ? "Send to room" : "Send";
  }

  function addRoom(room) {
    if (!session.rooms.includes(room)) {
      session.rooms.push(room);
      renderRooms();
    }
  }

  function removeRoom(room) {
    session.rooms = session.rooms.filter((r) => r !== room);
    renderRooms();
  }

  // ---- Messages -----------------------------------------------------------------------------------

  function addMessage(from, room, text) {
    const scroller = el.scroller;
    const atBottom = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 40;
    const own = session.nickname !== null && from === session.nickname;

    const li = document.createElement("li");
    li.className = own ? "message own" : "message";
    li.dataset.from = from;
    li.dataset.room = room || "";
    li.dataset.own = String(own);

    const meta = document.createElement("div");
    meta.className = "meta";
    const who = document.createElement("span");
    who.className = "from";
    who.textContent = from;
    meta.append(who);
    if (room) {
      const where = document.createElement("span");
      where.className = "room";
      where.textContent = room;
      where.title = `In room ${room}`;
      meta.append(where);
    }
    const now = new Date();
    const time = document.createElement("time");
    time.className = "time";
    time.dateTime = now.toISOString();
    time.textContent = now.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
    meta.append(time);

    const body = document.createElement("p");
    body.className = "text";
    body.textContent = text;

    li.append(meta, body);
    el.messages.append(li);
    while (el.messages.children.length > MAX_MESSAGES) {
      el.messages.firstElementChild.remove();
    }
    el.noMessages.hidden = true;
    if (atBottom || own) {
      scroller.scrollTop = scroller.scrollHeight;
    }
  }

  // ---- Hub events ---------------------------------------------------------------------------------

  connection.on("userJoined", (nickname) => {
    const name = String(nickname);
    if (!session.users.includes(name)) {
      setUsers([...session.users, name]);
    }
    announce(`${name} joined`);
  });

  connection.on("userLeft", (nickname) => {
    const name = String(nickname);
    setUsers(session.users.filter((n) => n !== name));
    announce(`${name} left`);
  });

  connection.on("message", (from, text) => addMessage(String(from), "", String(text)));

  connection.on("roomMessage", (room, from, text) => addMessage(String(from), String(room), String(text)));

  connection.onreconnecting(() => {
    setPhase("reconnecting");
  });

  connection.onreconnected(() => {
    setPhase("connected");
    restoreSession();
  });

  connection.onclose((err) => {
    session.busy = false;
    setPhase("disconnected");
    if (err && !leaving) {
      showError(`Disconnected: ${describe(err)}`);
    }
  });

  // ---- Starting and re-joining --------------------------------------------------------------------

  /** Starts the connection, then joins again if the user had joined; false when it could not start. */
  async function start() {
    setPhase("connecting");
    try {
      await connection.start();
    } catch (err) {
      setPhase("disconnected");
      showError(`Could not connect: ${describe(err)}`);
      return false;
    }
    setPhase("connected");
    await restoreSession();
    return true;
  }

  /** The server forgets a connection's nickname and rooms: claim them again on a new connection. */
  async function restoreSession() {
    const nickname = session.nickname;
    if (nickname === null) {
      await refreshUsers();
      return;
    }
    session.busy = true;
    updateControls();
    try {
      setUsers(await connection.invoke("join", nickname));
    } catch (err) {
      session.busy = false;
      if (session.phase !== "connected") {
        // Lost again on the way: the next reconnect tries again.
        updateControls();
        return;
      }
      session.nickname = null;
      session.rooms = [];
      renderRooms();
      updateControls();
      el.nickname.value = nickname;
      showError(`Could not join again as "${nickname}": ${describe(err)}`);
      el.nickname.focus();
      await refreshUsers();
      return;
    }
    for (const room of [...session.rooms]) {
      try {
        await connection.invoke("joinRoom", room);
      } catch (err) {
        if (session.phase !== "connected") {
          break;
        }
        removeRoom(room);
        showError(`Could not join the room "${room}" again: ${describe(err)}`);
      }
    }
    session.busy = false;
    renderUsers();
    updateControls();
  }

  let starting = start();

  el.reconnect.addEventListener("click", () => {
    clearError();
    starting = start();
  });

  // Leaving the page ends the connection at once, so the others see us go without waiting for the
  // server to time out a long poll; a page restored from the back-forward cache connects again.
  window.addEventListener("pagehide", () => {
    leaving = true;
    connection.stop();
  });
  window.addEventListener("pageshow", (event) => {
    if (event.persisted && leaving) {
      leaving = false;
      starting = start();
    }
  });

  // ---- Forms --------------------------------------------------------------------------------------

  el.joinForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (session.busy) {
      return;
    }
    const typed = el.nickname.value;
    session.busy = true;
    updateControls();
    try {
      if (session.phase === "connecting") {
        await starting;
      }
      const users = await connection.invoke("join", typed);
      session.nickname = typed.trim();
      session.busy = false;
      el.me.textContent = session.nickname;
      setUsers(users);
      clearError();
      updateControls();
      el.message.focus();
    } catch (err) {
      session.busy = false;
      updateControls();
      showError(describe(err));
      el.nickname.focus();
    }
  });

  el.messageForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (el.send.disabled) {
      return;
    }
    const text = el.message.value;
    const room = el.target.value;
    el.message.value = "";
    try {
      if (room) {
        await connection.invoke("sendToRoom", room, text);
      } else {
        await connection.invoke("send", text);
      }
      clearError();
    } catch (err) {
      if (!el.message.value) {
        el.message.value = text;
      }
      showError(describe(err));
    }
    el.message.focus();
  });

  el.roomForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (el.joinRoom.disabled) {
      return;
    }
    const typed = el.room.value;
    try {
      await connection.invoke("joinRoom", typed);
      addRoom(typed.trim());
      el.room.value = "";
      clearError();
    } catch (err) {
      showError(describe(err));
    }
    el.room.focus();
  });

  el.leaveRoom.addEventListener("click", async () => {
    const typed = el.room.value;
    try {
      await connection.invoke("leaveRoom", typed);
      removeRoom(typed.trim());
      el.room.value = "";
      clearError();
    } catch (err) {
      showError(describe(err));
    }
    el.room.focus();
  });

  el.target.addEventListener("change", syncTarget);

  el.dismissError.addEventListener("click", () => {
    clearError();
  });
})();
