package com.streambazaar.realtime.ws;

import com.streambazaar.realtime.service.Credentials;
import com.streambazaar.realtime.service.OutboundEvent;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Engine.IO / Socket.IO packet codecs and handshake credential parsing (no server). */
class CodecTest {

    @Test
    void pollingPayloadsSplitAndJoinOnTheRecordSeparator() {
        assertThat(EngineIoCodec.splitPayload("4hello\u001e2\u001e\u001e42[\"a\"]")).containsExactly("4hello", "2", "42[\"a\"]");
        assertThat(EngineIoCodec.splitPayload("")).isEmpty();
        assertThat(EngineIoCodec.joinPayload(List.of("2", "42[\"x\",1]"))).isEqualTo("2\u001e42[\"x\",1]");
        assertThat(EngineIoCodec.joinPayload(List.of("6"))).isEqualTo("6");
        assertThat(EngineIoCodec.open("r1.abc", true, 25000, 20000, 100000)).isEqualTo(
                "0{\"sid\":\"r1.abc\",\"upgrades\":[\"websocket\"],\"pingInterval\":25000,\"pingTimeout\":20000,\"maxPayload\":100000}");
    }

    @Test
    void socketIoPacketsDecodeNamespaceAckIdAndJson() {
        SocketIoCodec.Packet event = SocketIoCodec.decode("213[\"join-session\",\"s\"]");
        assertThat(event.type()).isEqualTo(SocketIoCodec.EVENT);
        assertThat(event.ackId()).isEqualTo(13L);
        assertThat(event.namespace()).isEqualTo("/");
        assertThat(event.json()).isEqualTo("[\"join-session\",\"s\"]");
        SocketIoCodec.Packet connect = SocketIoCodec.decode("0/admin,{\"token\":\"t\"}");
        assertThat(connect.namespace()).isEqualTo("/admin");
        assertThat(connect.json()).isEqualTo("{\"token\":\"t\"}");
        assertThat(SocketIoCodec.decode("0").json()).isNull();
        assertThat(SocketIoCodec.decode("51-[\"x\",{\"_placeholder\":true,\"num\":0}]").type()).isEqualTo(SocketIoCodec.BINARY_EVENT);
        assertThat(SocketIoCodec.decode("9")).isNull();
        assertThat(SocketIoCodec.decode("")).isNull();
        assertThat(SocketIoCodec.decode("2" + "9".repeat(40) + "[]")).isNull();
        assertThat(SocketIoCodec.connected("a.b", "a.c")).isEqualTo("40{\"sid\":\"a.b\",\"pid\":\"a.c\"}");
        assertThat(SocketIoCodec.ack(7, "{\"ok\":1}")).isEqualTo("437[{\"ok\":1}]");
        assertThat(SocketIoCodec.connectError("/x", "\"no\"")).isEqualTo("44/x,{\"message\":\"no\"}");
    }

    @Test
    void oneEncodingServesEveryProtocol() {
        OutboundEvent recoverable = new OutboundEvent("new-message", "{\"id\":1}", 42, 0);
        assertThat(recoverable.socketIoFrame()).isEqualTo("42[\"new-message\",{\"id\":1},\"42\"]");
        assertThat(recoverable.socketIoFrame()).isSameAs(recoverable.socketIoFrame());
        assertThat(recoverable.wsFrame()).isEqualTo("{\"event\":\"new-message\",\"data\":{\"id\":1}}");
        assertThat(new OutboundEvent("viewer-count", "3", -1, 0).socketIoFrame()).isEqualTo("42[\"viewer-count\",3]");
    }

    @Test
    void handshakeCredentialsComeFromQueryHeaderSubprotocolOrCookie() {
        Map<String, String> none = Map.of();
        assertThat(HandshakeCredentials.read(h -> null, Map.of("token", "q"), "c").token()).isEqualTo("q");
        assertThat(HandshakeCredentials.read(h -> h.equals("Authorization") ? "Bearer abc" : null, none, "c").token()).isEqualTo("abc");
        assertThat(HandshakeCredentials.read(h -> h.equals("Sec-WebSocket-Protocol") ? "bazaar, eyJ.x.y" : null, none, "c").token())
                .isEqualTo("eyJ.x.y");
        assertThat(HandshakeCredentials.read(h -> h.equals("Sec-WebSocket-Protocol") ? "chat, other" : null, none, "c").token()).isNull();
        Credentials cookie = HandshakeCredentials.read(h -> switch (h) {
            case "Cookie" -> "a=1; bazaar_access_token=tok; b=2";
            case "Origin" -> "http://localhost:5173";
            default -> null;
        }, none, "bazaar_access_token");
        assertThat(cookie.token()).isNull();
        assertThat(cookie.cookieToken()).isEqualTo("tok");
        assertThat(cookie.origin()).isEqualTo("http://localhost:5173");
        assertThat(HandshakeCredentials.query("EIO=4&transport=polling&sid=a.b%2Bc&t=N1")).containsEntry("sid", "a.b+c")
                .containsEntry("EIO", "4");
        assertThat(HandshakeCredentials.query("bad=%zz")).containsEntry("bad", "%zz");
    }
}
