package com.streambazaar.testkit.architecture.broken.rest;

import com.streambazaar.testkit.architecture.broken.repository.ThingRepository;

/** A resource that skips its service and reads the repository itself: what the layering rules forbid. */
public class ThingResource {
    private final ThingRepository things = new ThingRepository();

    public String get() {
        return things.find();
    }
}
