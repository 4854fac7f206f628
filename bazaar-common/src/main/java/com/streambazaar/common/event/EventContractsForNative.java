package com.streambazaar.common.event;

import com.streambazaar.common.event.contract.ChatMessageDeleted;
import com.streambazaar.common.event.contract.ChatMessagePosted;
import com.streambazaar.common.event.contract.ChatRestrictionLifted;
import com.streambazaar.common.event.contract.ChatSettingsChanged;
import com.streambazaar.common.event.contract.ChatUserRestricted;
import com.streambazaar.common.event.contract.ProductClicked;
import com.streambazaar.common.event.contract.ProductState;
import com.streambazaar.common.event.contract.ReactionSent;
import com.streambazaar.common.event.contract.RoomHeartbeat;
import com.streambazaar.common.event.contract.SessionState;
import com.streambazaar.common.event.contract.SessionStats;
import com.streambazaar.common.event.contract.UserState;
import com.streambazaar.common.event.contract.ViewerPresence;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Event records are (de)serialized by Jackson only, never returned from a resource, so a native image would not
 * keep their reflection metadata on its own. Every contract record belongs in this list.
 */
@RegisterForReflection(targets = {EventEnvelope.class, DeadLetter.class, UserState.class, ProductState.class,
        SessionState.class, SessionStats.class, SessionStats.ProductClickStat.class,
        SessionStats.TrendingProduct.class, ReactionSent.class, ViewerPresence.class, RoomHeartbeat.class,
        ChatMessagePosted.class, ChatMessageDeleted.class, ProductClicked.class,
        ChatUserRestricted.class, ChatRestrictionLifted.class, ChatSettingsChanged.class})
public final class EventContractsForNative {

    private EventContractsForNative() {
    }
}
