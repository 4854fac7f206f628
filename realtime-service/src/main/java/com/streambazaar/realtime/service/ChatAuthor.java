package com.streambazaar.realtime.service;

/**
 * Who posts a chat message: the verified identity (a guest has none) and the viewer identity the message counts for.
 */
public record ChatAuthor(SocketIdentity identity, String viewerId) {
}
