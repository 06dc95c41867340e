// The socket.io peer of Switchboard's BenchHub: the same join/send/message and echo, on socket.io 4.8.
// Usage: node --expose-gc server.js [port]. Prints "ready <port>"; answers "heap" on standard input with the
// V8 heap in use after a full collection; stops when standard input ends.
'use strict';
const http = require('node:http');
const readline = require('node:readline');
const { Server } = require('socket.io');

const port = Number(process.argv[2] || 0);
const httpServer = http.createServer();
// Same limit on incoming messages as Switchboard's default (32 KiB).
const io = new Server(httpServer, { serveClient: false, maxHttpBufferSize: 32 * 1024 });
const EVERYONE = 'everyone';

io.on('connection', (socket) => {
  socket.on('join', (nickname, ack) => {
    if (typeof nickname !== 'string' || nickname.trim() === '') {
      return reply(ack, { error: 'A nickname cannot be blank' });
    }
    socket.data.nickname = nickname;
    socket.join(EVERYONE);
    reply(ack, null);
  });
  socket.on('send', (text, ack) => {
    if (socket.data.nickname === undefined) {
      return reply(ack, { error: 'You must join the chat with a nickname first' });
    }
    io.to(EVERYONE).emit('message', socket.data.nickname, text);
    reply(ack, null);
  });
  socket.on('echo', (text, ack) => reply(ack, text));
});

function reply(ack, value) {
  if (typeof ack === 'function') {
    ack(value);
  }
}

httpServer.listen(port, '127.0.0.1', () => {
  console.log(`ready ${httpServer.address().port}`);
});

readline.createInterface({ input: process.stdin }).on('line', (command) => {
  if (command === '') {
    return;
  }
  if (command === 'heap') {
    global.gc();
    console.log(`heap ${process.memoryUsage().heapUsed}`);
  } else {
    console.log(`error unknown command ${command}`);
  }
}).on('close', () => {
  io.close();
  process.exit(0);
});
