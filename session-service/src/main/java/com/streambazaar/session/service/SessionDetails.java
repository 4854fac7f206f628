package com.streambazaar.session.service;

import com.streambazaar.common.event.contract.ProductState;

import java.util.List;

/** {@code GET /api/sessions/:id}: the session with its showcased product and its live products in display order. */
public record SessionDetails(SessionSnapshot snapshot, List<ProductState> products) {
}
