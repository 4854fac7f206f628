package com.streambazaar.session.config;

import com.streambazaar.common.event.contract.ProductState;
import com.streambazaar.common.event.contract.SessionState;
import com.streambazaar.common.event.contract.SessionStats;
import com.streambazaar.common.event.contract.UserState;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** Event contracts are read and written by Jackson outside REST signatures; native images need them registered. */
@RegisterForReflection(targets = {UserState.class, ProductState.class, SessionState.class, SessionStats.class})
public final class ContractReflection {

    private ContractReflection() {
    }
}
