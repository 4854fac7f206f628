package com.streambazaar.session.rest;

import com.streambazaar.common.event.Topics;
import com.streambazaar.common.event.contract.SessionStats;
import com.streambazaar.testkit.BazaarTestResources;
import com.streambazaar.testkit.TestEvents;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.streambazaar.session.rest.Fixtures.as;
import static com.streambazaar.session.rest.Fixtures.count;
import static com.streambazaar.session.rest.Fixtures.createSession;
import static com.streambazaar.session.rest.Fixtures.guest;
import static com.streambazaar.session.rest.Fixtures.knownProduct;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Public discovery: search with filters and sorts, live, upcoming, trending (from session stats), global search. */
@QuarkusTest
@QuarkusTestResource(value = BazaarTestResources.class, restrictToAnnotatedClass = false)
class DiscoveryTest {

    @Test
    void searchMatchesTextFiltersSortsAndPages() {
        String word = "zq" + UUID.randomUUID().toString().substring(0, 8);
        Fixtures.User creator = Fixtures.creator();
        Fixtures.User other = Fixtures.creator();
        String byTitle = createSession(creator, "{\"title\":\"Banana " + word.toUpperCase() + " hour\",\"category\":\"Food\"}");
        String byDescription = createSession(creator, "{\"title\":\"Apple time\",\"description\":\"fresh " + word + "\",\"category\":\"food\"}");
        String byTag = createSession(other, "{\"title\":\"Cherry show\",\"tags\":[\"x-" + word + "\"],\"category\":\"tech\"}");
        String byCategory = createSession(other, "{\"title\":\"Date night\",\"category\":\"" + word + "\"}");
        createSession(other, "{\"title\":\"unrelated\"}");
        as(creator).when().post("/api/sessions/" + byDescription + "/start-stream").then().statusCode(200);

        guest().queryParam("q", word).when().get("/api/search/sessions")
                .then().statusCode(200)
                .body("total", equalTo(4))
                .body("limit", equalTo(20))
                .body("offset", equalTo(0))
                .body("hasMore", equalTo(false))
                .body("data.id", contains(byCategory, byTag, byDescription, byTitle))
                .body("data[0]", not(hasKey("streamKey")))
                .body("data[0].creator.id", notNullValue())
                .body("$", not(hasKey("success")));
        guest().queryParam("q", word).queryParam("sortBy", "oldest").when().get("/api/search/sessions")
                .then().body("data.id", contains(byTitle, byDescription, byTag, byCategory));
        guest().queryParam("q", word).queryParam("sortBy", "title").when().get("/api/search/sessions")
                .then().body("data.id", contains(byDescription, byTitle, byTag, byCategory));
        guest().queryParam("q", word).queryParam("limit", 2).queryParam("offset", 1).when().get("/api/search/sessions")
                .then().body("total", equalTo(4)).body("hasMore", equalTo(true)).body("limit", equalTo(2))
                .body("offset", equalTo(1)).body("data.id", contains(byTag, byDescription));
        guest().queryParam("q", word).queryParam("status", "live").when().get("/api/search/sessions")
                .then().body("total", equalTo(1)).body("data.id", contains(byDescription));
        guest().queryParam("q", word).queryParam("category", "FOOD").when().get("/api/search/sessions")
                .then().body("data.id", contains(byDescription, byTitle));
        guest().queryParam("q", word).queryParam("creatorId", other.id()).when().get("/api/search/sessions")
                .then().body("data.id", contains(byCategory, byTag));
        guest().queryParam("q", "100%_" + word).when().get("/api/search/sessions").then().body("total", equalTo(0));

        guest().queryParam("sortBy", "popular").when().get("/api/search/sessions").then().statusCode(400).body("field", equalTo("sortBy"));
        guest().queryParam("status", "over").when().get("/api/search/sessions").then().statusCode(400).body("field", equalTo("status"));
        guest().queryParam("creatorId", "abc").when().get("/api/search/sessions").then().statusCode(400).body("field", equalTo("creatorId"));
        guest().queryParam("limit", 0).when().get("/api/search/sessions").then().statusCode(400).body("field", equalTo("limit"));
        // one paging rule everywhere: a limit beyond the maximum is refused, as catalog-service always did
        guest().queryParam("limit", 1000).when().get("/api/search/sessions").then().statusCode(400).body("field", equalTo("limit"));
        guest().queryParam("q", "x".repeat(201)).when().get("/api/search/sessions").then().statusCode(400).body("field", equalTo("q"));

        guest().when().get("/api/search/sessions/creator/" + creator.id())
                .then().statusCode(200).body("total", equalTo(2)).body("data.id", contains(byDescription, byTitle));
        guest().queryParam("status", "live").when().get("/api/search/sessions/creator/" + creator.id())
                .then().body("data.id", contains(byDescription));
        guest().when().get("/api/search/sessions/creator/abc").then().statusCode(400).body("field", equalTo("creatorId"));
        guest().when().get("/api/search/sessions/creator/" + Fixtures.newUserId())
                .then().statusCode(200).body("total", equalTo(0)).body("hasMore", equalTo(false));
    }

    @Test
    void liveAndUpcomingListTheRightSessions() {
        Fixtures.User creator = Fixtures.creator();
        String later = createSession(creator, "{\"title\":\"later\",\"scheduledAt\":\"2041-03-01T10:00:00Z\"}");
        String sooner = createSession(creator, "{\"title\":\"sooner\",\"scheduledAt\":\"2041-01-01T10:00:00Z\"}");
        String undated = createSession(creator, "{\"title\":\"some day\"}");
        String firstLive = createSession(creator, "{\"title\":\"on air 1\"}");
        String secondLive = createSession(creator, "{\"title\":\"on air 2\"}");
        String pausedOne = createSession(creator, "{\"title\":\"on a break\"}");
        as(creator).when().post("/api/sessions/" + firstLive + "/start-stream").then().statusCode(200);
        as(creator).when().post("/api/sessions/" + secondLive + "/start-stream").then().statusCode(200);
        as(creator).when().post("/api/sessions/" + pausedOne + "/start-stream").then().statusCode(200);
        as(creator).body("{\"status\":\"paused\"}").when().patch("/api/sessions/" + pausedOne + "/status").then().statusCode(200);

        List<String> upcoming = ids("/api/search/sessions/upcoming");
        List<String> mine = upcoming.stream().filter(List.of(later, sooner, undated)::contains).toList();
        assertEquals(List.of(sooner, later, undated), mine, "dated ones soonest first, then undated");

        List<String> live = ids("/api/search/sessions/live");
        assertEquals(List.of(secondLive, firstLive),
                live.stream().filter(List.of(firstLive, secondLive, pausedOne)::contains).toList(),
                "only live sessions, most recently started first");
        guest().queryParam("limit", "nope").when().get("/api/search/sessions/live").then().statusCode(400);
        guest().queryParam("offset", "-2").when().get("/api/search/sessions/upcoming").then().statusCode(400);
    }

    @Test
    void trendingRanksLiveSessionsByViewersThenEngagement() throws Exception {
        Fixtures.User creator = Fixtures.creator();
        String quiet = live(creator, "quiet");
        String busy = live(creator, "busy");
        String chatty = live(creator, "chatty");
        String crowded = live(creator, "crowded");
        String endedOne = live(creator, "was big");

        Instant now = Instant.now();
        publishStats(busy, 50, 10, now);
        publishStats(chatty, 50, 500, now);
        publishStats(crowded, 70, 0, now.minusSeconds(5));
        // a stale figure arriving late must not overwrite a newer one
        publishStats(crowded, 900, 9000, now.minusSeconds(60));
        publishStats(endedOne, 1000, 1000, now);
        as(creator).when().post("/api/sessions/" + endedOne + "/end-stream").then().statusCode(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> count(
                "select count(*) from sessions.session_stats where session_id in (?, ?, ?, ?)",
                UUID.fromString(busy), UUID.fromString(chatty), UUID.fromString(crowded), UUID.fromString(endedOne)) == 4);
        String marker = live(creator, "marker");
        publishStats(marker, 0, 0, now.plusSeconds(1));
        await().atMost(Duration.ofSeconds(30)).until(() -> count(
                "select count(*) from sessions.session_stats where session_id = ?", UUID.fromString(marker)) == 1);

        List<String> trending = ids("/api/search/sessions/trending");
        assertEquals(List.of(crowded, chatty, busy, marker, quiet),
                trending.stream().filter(List.of(quiet, busy, chatty, crowded, endedOne, marker)::contains).toList());
        assertEquals(crowded, trending.get(0), "the most watched live session leads");
        guest().queryParam("limit", 1).when().get("/api/search/sessions/trending")
                .then().statusCode(200).body("data.id", contains(crowded)).body("hasMore", equalTo(true));
    }

    @Test
    void globalSearchFindsSessionsAndProducts() {
        String word = "gl" + UUID.randomUUID().toString().substring(0, 8);
        Fixtures.User creator = Fixtures.creator();
        UUID product = knownProduct(creator.id(), "Lamp " + word);
        String session = createSession(creator, "{\"title\":\"All about " + word + "\"}");

        guest().queryParam("q", word.toUpperCase()).when().get("/api/search")
                .then().statusCode(200)
                .body("sessions.id", contains(session))
                .body("products.id", contains(product.toString()))
                .body("products[0].name", equalTo("Lamp " + word))
                .body("products[0].price", equalTo(19.99f))
                .body("counts.sessions", equalTo(1))
                .body("counts.products", equalTo(1));
        guest().queryParam("q", "gadgets " + word).when().get("/api/search")
                .then().statusCode(200).body("counts.sessions", equalTo(0)).body("counts.products", equalTo(0));

        // counts are the totals of all matches, not the sizes of the returned lists
        knownProduct(creator.id(), "Lamp shade " + word);
        knownProduct(creator.id(), "Lamp base " + word);
        createSession(creator, "{\"title\":\"More " + word + "\"}");
        createSession(creator, "{\"title\":\"Even more " + word + "\"}");
        guest().queryParam("q", word).queryParam("limit", 1).when().get("/api/search")
                .then().statusCode(200)
                .body("sessions.size()", equalTo(1)).body("products.size()", equalTo(1))
                .body("counts.sessions", equalTo(3)).body("counts.products", equalTo(3))
                .body("products[0]", hasKey("stock"));
        guest().when().get("/api/search").then().statusCode(400).body("field", equalTo("q")).body("success", equalTo(false));
        guest().queryParam("q", "  ").when().get("/api/search").then().statusCode(400).body("field", equalTo("q"));
        guest().queryParam("q", word).queryParam("limit", "x").when().get("/api/search").then().statusCode(400);
    }

    private static String live(Fixtures.User creator, String title) {
        String id = createSession(creator, "{\"title\":\"" + title + "\"}");
        as(creator).when().post("/api/sessions/" + id + "/start-stream").then().statusCode(200);
        return id;
    }

    private static void publishStats(String sessionId, int viewers, long engagement, Instant at) {
        long reactions = engagement / 2;
        SessionStats stats = new SessionStats(UUID.fromString(sessionId), viewers, viewers, viewers * 2L, reactions,
                engagement - reactions, 0, at, viewers, 60.0, viewers, 1.0, Map.of("like", reactions),
                reactions == 0 ? Map.of() : Map.of("like", 100), List.of(), List.of());
        TestEvents.publish(Topics.SESSION_STATS, SessionStats.TYPE, "analytics-service", sessionId, stats);
    }

    private static List<String> ids(String url) {
        return guest().queryParam("limit", 100).when().get(url).then().statusCode(200)
                .body("total", notNullValue()).extract().jsonPath().getList("data.id", String.class);
    }
}
