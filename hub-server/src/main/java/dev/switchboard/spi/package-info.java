/**
 * For those who extend Switchboard: the contract of a hub's lifetime manager, which keeps its connections,
 * groups and users and delivers its messages, with what a manager sees of a connection and of a message.
 * {@link dev.switchboard.spi.DefaultHubLifetimeManager} is the in-memory manager of a single server; a
 * {@link dev.switchboard.Backplane} supplies another to reach connections on every server.
 */
package dev.switchboard.spi;
