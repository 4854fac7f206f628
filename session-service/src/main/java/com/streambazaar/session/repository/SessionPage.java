package com.streambazaar.session.repository;

import java.util.List;

/** One page of sessions and how many match in all. */
public record SessionPage(List<StreamSession> sessions, long total) {
}
