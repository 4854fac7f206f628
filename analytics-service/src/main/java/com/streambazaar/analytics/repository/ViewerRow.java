package com.streambazaar.analytics.repository;

import java.util.List;
import java.util.UUID;

/**
 * One viewer identity in one session: their stays, and what their views and interactions add up to.
 *
 * @param stays          every stay of the identity's connections (either end may still be missing)
 * @param openStartSumMs sum of the open views' start instants (epoch ms): their watch time so far is
 *                       {@code openViews * now - openStartSumMs}
 * @param engaged        settled engagement: has a view and watched ≥ 5 minutes in closed views, or chatted, reacted
 *                       or clicked (an open view can still make a viewer engaged as time passes)
 */
public record ViewerRow(UUID sessionId, String viewerId, Long userId, String username, List<StayRow> stays, int views,
                        int openViews, long closedWatchMs, long openStartSumMs, int messages, int reactions,
                        int clicks, boolean engaged) {

    public static ViewerRow empty(ViewerKey key) {
        return new ViewerRow(key.sessionId(), key.viewerId(), null, null, List.of(), 0, 0, 0, 0, 0, 0, 0, false);
    }
}
