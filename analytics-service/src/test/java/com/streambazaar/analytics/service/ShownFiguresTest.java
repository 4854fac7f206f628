package com.streambazaar.analytics.service;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** How figures are shown: formatted durations, rates, whole-percent shares that add up to 100. */
class ShownFiguresTest {

    @Test
    void durationsAreFormattedLikeTheSeedSystem() {
        assertEquals("0s", Durations.format(0));
        assertEquals("45s", Durations.format(45.4));
        assertEquals("1m 0s", Durations.format(59.6));
        assertEquals("4m 8s", Durations.format(247.857));
        assertEquals("59m 59s", Durations.format(3599));
        assertEquals("1h 0m", Durations.format(3600));
        assertEquals("2h 5m", Durations.format(7530));
    }

    @Test
    void ratesAreCappedAndShownAsPercentWithTwoDecimals() {
        assertEquals(33.33, Durations.percent(2, 6));
        assertEquals(16.67, Durations.percent(1, 6));
        assertEquals(0.0, Durations.percent(3, 0));
        assertEquals(100.0, Durations.percent(7, 6));
        assertEquals(247.857, Durations.seconds(1_735_000.0 / 7));
    }

    @Test
    void wholePercentagesAddUpToAHundred() {
        Map<String, Long> thirds = new LinkedHashMap<>();
        thirds.put("like", 1L);
        thirds.put("heart", 1L);
        thirds.put("fire", 1L);
        Map<String, Integer> shares = WholePercentages.of(thirds);
        assertEquals(Map.of("like", 34, "heart", 33, "fire", 33), shares);
        Map<String, Long> skewed = new LinkedHashMap<>();
        skewed.put("heart", 2L);
        skewed.put("fire", 1L);
        skewed.put("love", 1L);
        assertEquals(Map.of("heart", 50, "fire", 25, "love", 25), WholePercentages.of(skewed));
        Map<String, Long> many = new LinkedHashMap<>();
        for (int i = 0; i < 7; i++) {
            many.put("t" + i, (long) (i * 3 + 1));
        }
        assertEquals(100, WholePercentages.of(many).values().stream().mapToInt(Integer::intValue).sum());
        assertEquals(Map.of(), WholePercentages.of(Map.of()));
    }
}
