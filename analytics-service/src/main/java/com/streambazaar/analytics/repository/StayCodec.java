package com.streambazaar.analytics.repository;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A viewer's stays as stored in their row: a few dozen bytes per stay (id, join, leave, death of its replica as epoch
 * milliseconds, the replica's id), so recomputing the viewer's views needs no other read.
 */
public final class StayCodec {

    private static final byte VERSION = 1;
    private static final long NONE = Long.MIN_VALUE;

    private StayCodec() {
    }

    public static byte[] encode(List<StayRow> stays) {
        if (stays.isEmpty()) {
            return null;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 + stays.size() * 48);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeShort(stays.size());
            for (StayRow stay : stays) {
                out.writeLong(stay.stayId().getMostSignificantBits());
                out.writeLong(stay.stayId().getLeastSignificantBits());
                out.writeLong(millis(stay.joinedAt()));
                out.writeLong(millis(stay.leftAt()));
                out.writeLong(millis(stay.lostAt()));
                byte[] replica = stay.replicaId() == null ? new byte[0] : stay.replicaId().getBytes(StandardCharsets.UTF_8);
                out.writeShort(replica.length);
                out.write(replica);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static List<StayRow> decode(byte[] encoded, UUID sessionId, String viewerId, Long userId, String username) {
        List<StayRow> stays = new ArrayList<>();
        if (encoded == null || encoded.length == 0) {
            return stays;
        }
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(encoded))) {
            byte version = in.readByte();
            if (version != VERSION) {
                throw new IllegalStateException("stays of " + viewerId + " in " + sessionId + " have version " + version);
            }
            int count = in.readUnsignedShort();
            for (int i = 0; i < count; i++) {
                UUID id = new UUID(in.readLong(), in.readLong());
                Instant joined = instant(in.readLong());
                Instant left = instant(in.readLong());
                Instant lost = instant(in.readLong());
                byte[] replica = new byte[in.readUnsignedShort()];
                in.readFully(replica);
                stays.add(new StayRow(sessionId, viewerId, id, userId, username,
                        replica.length == 0 ? null : new String(replica, StandardCharsets.UTF_8), joined, left, lost));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return stays;
    }

    private static long millis(Instant instant) {
        return instant == null ? NONE : instant.toEpochMilli();
    }

    private static Instant instant(long millis) {
        return millis == NONE ? null : Instant.ofEpochMilli(millis);
    }
}
