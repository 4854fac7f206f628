package com.streambazaar.system;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Debian's Chromium, headless, driven through its chromedriver (both installed by {@code .ci/run}; nothing is
 * downloaded). Background networking is off: this machine reaches nothing outside, and Chromium would keep trying.
 */
final class HeadlessBrowser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private final ChromeDriver driver;

    HeadlessBrowser() throws Exception {
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toString()).addArguments("--headless=new",
                "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + Files.createTempDirectory("bazaar-chromium-"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
    }

    static boolean installed() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    /** Opens the page and waits until its script set {@code window.__done}; returns {@code window.__results}. */
    @SuppressWarnings("unchecked")
    Map<String, Object> run(String url, Duration timeout) {
        driver.get(url);
        new WebDriverWait(driver, timeout).until(d -> Boolean.TRUE.equals(
                ((JavascriptExecutor) d).executeScript("return window.__done === true")));
        return (Map<String, Object>) driver.executeScript("return window.__results");
    }

    @Override
    public void close() {
        driver.quit();
    }
}
