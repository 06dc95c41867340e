package dev.switchboard.internal.protocol;

/** The client's first record: which protocol, at which version. */
public record HandshakeRequest(String protocol, int version) {
}
