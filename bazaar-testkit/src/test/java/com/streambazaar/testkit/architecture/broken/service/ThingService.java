package com.streambazaar.testkit.architecture.broken.service;

import com.streambazaar.testkit.architecture.broken.rest.ThingResource;

/** A service that knows a rest type: also forbidden. */
public class ThingService {
    public String render(ThingResource resource) {
        return resource.get();
    }
}
