package com.streambazaar.analytics.service;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Whole-percent shares that add up to exactly 100 (largest remainder): each share is rounded down, and the points left
 * go to the largest remainders (ties: the larger count, then the earlier key).
 */
public final class WholePercentages {

    private WholePercentages() {
    }

    public static Map<String, Integer> of(Map<String, Long> counts) {
        Map<String, Integer> shares = new LinkedHashMap<>();
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        if (total <= 0) {
            counts.keySet().forEach(key -> shares.put(key, 0));
            return shares;
        }
        record Share(String key, long count, int floor, long remainder, int order) {
        }
        List<Share> list = new ArrayList<>();
        int order = 0;
        int assigned = 0;
        for (Map.Entry<String, Long> entry : counts.entrySet()) {
            long scaled = entry.getValue() * 100;
            int floor = (int) (scaled / total);
            list.add(new Share(entry.getKey(), entry.getValue(), floor, scaled % total, order++));
            assigned += floor;
        }
        List<Share> byRemainder = new ArrayList<>(list);
        byRemainder.sort(Comparator.comparingLong(Share::remainder).reversed()
                .thenComparing(Comparator.comparingLong(Share::count).reversed())
                .thenComparingInt(Share::order));
        Map<String, Integer> extra = new LinkedHashMap<>();
        for (int i = 0; i < 100 - assigned && i < byRemainder.size(); i++) {
            extra.put(byRemainder.get(i).key(), 1);
        }
        for (Share share : list) {
            shares.put(share.key(), share.floor() + extra.getOrDefault(share.key(), 0));
        }
        return shares;
    }
}
