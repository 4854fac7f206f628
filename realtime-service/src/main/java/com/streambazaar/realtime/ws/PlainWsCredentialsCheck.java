package com.streambazaar.realtime.ws;

import com.streambazaar.realtime.config.RealtimeConfig;
import com.streambazaar.realtime.service.InvalidCredentialsException;
import com.streambazaar.realtime.service.SocketIdentity;
import com.streambazaar.realtime.service.SocketIdentityResolver;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.quarkus.websockets.next.UserData;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Resolves a /ws client's identity before the upgrade (off the event loop): an explicit token that does not verify
 * is refused with 401, so a client never believes it is signed in while it is a guest.
 */
@ApplicationScoped
public class PlainWsCredentialsCheck implements HttpUpgradeCheck {

    static final UserData.TypedKey<SocketIdentity> IDENTITY = new UserData.TypedKey<>("identity");
    static final UserData.TypedKey<String> ADDRESS = new UserData.TypedKey<>("client-address");

    private final SocketIdentityResolver identities;
    private final RealtimeConfig config;
    private final ClientAddresses addresses;

    public PlainWsCredentialsCheck(SocketIdentityResolver identities, RealtimeConfig config, ClientAddresses addresses) {
        this.identities = identities;
        this.config = config;
        this.addresses = addresses;
    }

    @Override
    public boolean appliesTo(String endpointId) {
        return PlainWsEndpoint.ID.equals(endpointId);
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        HttpServerRequest request = context.httpRequest();
        return identities.resolve(HandshakeCredentials.read(request::getHeader,
                        HandshakeCredentials.query(request.query()), config.cookieName()))
                .map(identity -> {
                    context.userData().put(IDENTITY, identity);
                    String address = addresses.of(request.remoteAddress() == null ? null : request.remoteAddress().host(),
                            request::getHeader);
                    if (address != null) {
                        context.userData().put(ADDRESS, address);
                    }
                    return CheckResult.permitUpgradeSync();
                })
                .onFailure(InvalidCredentialsException.class).recoverWithItem(CheckResult.rejectUpgradeSync(401));
    }
}
