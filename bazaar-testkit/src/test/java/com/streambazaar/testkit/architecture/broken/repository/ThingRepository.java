package com.streambazaar.testkit.architecture.broken.repository;

/** A repository, as a service module would have one. */
public class ThingRepository {
    public String find() {
        return "thing";
    }
}
