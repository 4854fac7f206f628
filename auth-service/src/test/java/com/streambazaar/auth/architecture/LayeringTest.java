package com.streambazaar.auth.architecture;

import com.streambazaar.testkit.architecture.ServiceLayering;
import org.junit.jupiter.api.Test;

/** auth-service keeps the layers (see {@link ServiceLayering}). */
class LayeringTest {

    @Test
    void layersHold() {
        ServiceLayering.assertLayered("com.streambazaar.auth");
    }
}
