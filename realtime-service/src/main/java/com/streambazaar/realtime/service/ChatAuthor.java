package com.streambazaar.realtime.service;

/**
 * Who posts a chat message: the verified identity (a guest has none), the viewer identity the message counts for,
 * and the address it comes from (guests' messages are limited per address too; null when unknown).
 */
public record ChatAuthor(SocketIdentity identity, String viewerId, String clientAddress) {

    public ChatAuthor(SocketIdentity identity, String viewerId) {
        this(identity, viewerId, null);
    }
}
