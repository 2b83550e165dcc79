package io.altokit.app;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Level;

/**
 * Debian's Chromium, headless, driven through Debian's ChromeDriver by Selenium: both installed
 * when missing (as root, else the test fails saying what to install), never downloaded by Selenium.
 * Everything the browser writes stays under the directory given; {@link #close} ends the browser and
 * the driver.
 */
final class HeadlessChromium implements AutoCloseable {
    private final ChromeDriver driver;

    private HeadlessChromium(ChromeDriver driver) {
        this.driver = driver;
    }

    /** Starts the browser with a fresh profile under {@code dir}, a 1400 x 2000 window and the console log kept. */
    static HeadlessChromium start(Path dir) throws Exception {
        SystemTools.requirePackage("chromium", "Chromium", "chromium");
        SystemTools.requirePackage("chromium-driver", "ChromeDriver", "chromedriver");
        Files.createDirectories(dir);
        // With the driver and the browser named, Selenium runs no Selenium Manager (which would download them).
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(SystemTools.locate("chromedriver").orElseThrow().toFile())
                .usingAnyFreePort()
                .withLogFile(dir.resolve("chromedriver.log").toFile())
                .build();
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        ChromeOptions options = new ChromeOptions()
                .setBinary(SystemTools.locate("chromium").orElseThrow().toFile())
                // --no-sandbox: the tests run as root, where Chromium's sandbox refuses to start.
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                        "--no-first-run", "--window-size=1400,2000", "--user-data-dir=" + dir.resolve("profile"));
        options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
        return new HeadlessChromium(new ChromeDriver(service, options));
    }

    ChromeDriver driver() {
        return driver;
    }

    /** The console messages logged since the last call: errors, uncaught exceptions and failed loads among them. */
    List<LogEntry> consoleSinceLastAsked() {
        return driver.manage().logs().get(LogType.BROWSER).getAll();
    }

    /** A PNG of the window as it shows now, written to {@code file}. */
    void screenshot(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
    }

    @Override
    public void close() {
        driver.quit();
    }
}
