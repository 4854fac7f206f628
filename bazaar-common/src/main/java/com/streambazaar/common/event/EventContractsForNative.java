package com.streambazaar.common.event;

import com.streambazaar.common.event.contract.ProductState;
import com.streambazaar.common.event.contract.ReactionSent;
import com.streambazaar.common.event.contract.SessionState;
import com.streambazaar.common.event.contract.SessionStats;
import com.streambazaar.common.event.contract.UserState;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Event records are (de)serialized by Jackson only, never returned from a resource, so a native image would not
 * keep their reflection metadata on its own. Every contract record belongs in this list.
 */
@RegisterForReflection(targets = {EventEnvelope.class, UserState.class, ProductState.class, SessionState.class,
        ReactionSent.class, SessionStats.class})
public final class EventContractsForNative {

    private EventContractsForNative() {
    }
}
