package vigil.server.staff;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import vigil.core.Actor;
import vigil.core.Command;
import vigil.core.Location;
import vigil.core.Role;
import vigil.core.engine.Queries;
import vigil.server.config.VigilProperties;
import vigil.server.log.Outcome;
import vigil.server.log.Writer;

/**
 * The accounts a room opens with, and accounts kept in step with the roster (docs/adr/040), once the writer writes
 * (a standby's, when it takes over). The first start of an empty install (an empty log, no accounts) writes
 * {@code demo-users.txt} first (mode 600 from its creation, {@code ROLE username password} a line, random passwords),
 * then, unless {@code VIGIL_DEMO=false}, adds the demo roster through the log as the administrator (units in two BCUs,
 * one member of staff per role in the first, a terminal for one unit), then creates the accounts. Every later start
 * heals what a crash in between left: a member of the roster without an account gets one (with the file's password
 * when the file names them, else none until an administrator sets it), an account whose member or unit has left the
 * roster is disabled, and an install where no administrator can log in gives {@code admin} a new password, in the
 * file.
 */
@Component
class OpeningAccounts implements SmartLifecycle {
    static final String FILE = "demo-users.txt";
    static final String FIRST_BCU = "SE";
    static final String SECOND_BCU = "CE";
    /** The demo unit whose terminal has an account. */
    static final String DEMO_TERMINAL = FIRST_BCU + "-1";
    private static final Logger log = LoggerFactory.getLogger(OpeningAccounts.class);

    private final Writer writer;
    private final StaffAccounts accounts;
    private final VigilProperties properties;
    private final InstantSource clock;
    private volatile boolean opened;
    /** Why the accounts are not open yet, when trying failed (the health says it). */
    private volatile String problem;
    private ScheduledExecutorService timer;

    OpeningAccounts(Writer writer, StaffAccounts accounts, VigilProperties properties, InstantSource clock) {
        this.writer = writer;
        this.accounts = accounts;
        this.properties = properties;
        this.clock = clock;
    }

    /** Where the opening passwords are written. */
    Path file() {
        return properties.dataDir().resolve(FILE);
    }

    /** Whether this server has opened the accounts (done once, after the writer first writes). */
    boolean opened() {
        return opened;
    }

    String problem() {
        return problem;
    }

    @Override
    public synchronized void start() {
        timer = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().name("vigil-opening-accounts")
                .daemon(true).unstarted(r));
        timer.scheduleWithFixedDelay(this::tick, 0, 100, TimeUnit.MILLISECONDS);
    }

    private void tick() {
        if (opened || writer.state().phase() != Writer.Phase.WRITING) {
            return;
        }
        try {
            open();
            opened = true;
            problem = null;
            timer.shutdown();
        } catch (RuntimeException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            if (!why.equals(problem)) {
                log.error("staff accounts: cannot open them yet ({}); retrying", why);
            }
            problem = why;
        }
    }

    @Override
    public synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
            try {
                timer.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            timer = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return timer != null;
    }

    /** The first start's accounts, or accounts brought in step with the roster. */
    void open() {
        List<Queries.StaffView> roster = writer.ask(Queries::staff).join();
        List<Queries.UnitView> units = writer.ask(Queries::units).join();
        if (writer.position().lastSeq() == 0 && accounts.isEmpty()) {
            firstStart();
        } else {
            heal(roster, units);
        }
    }

    private record Demo(Role role, String username, String bcu, String unitId, String password) {
        String line() {
            return role + " " + username + " " + password;
        }

        StaffAccounts.Account account() {
            String email = StaffAccounts.demoEmail(username);
            return unitId != null ? new StaffAccounts.Account(username, Role.UNIT, bcu, unitId, email, true, false)
                    : StaffAccounts.Account.staff(username, role, bcu, email);
        }
    }

    private void firstStart() {
        List<Demo> people = new ArrayList<>();
        people.add(new Demo(Role.ADMIN, Writer.ADMINISTRATOR, null, null, StaffAccounts.randomPassword()));
        List<Command> roster = new ArrayList<>();
        if (properties.demo()) {
            Actor admin = Actor.staff(Writer.ADMINISTRATOR, Role.ADMIN);
            roster.addAll(demoUnits(admin));
            for (Role r : Role.values()) {
                if (r != Role.ADMIN && r != Role.UNIT) {
                    String username = r.name().toLowerCase(Locale.ROOT).replace('_', '-');
                    people.add(new Demo(r, username, FIRST_BCU, null, StaffAccounts.randomPassword()));
                    roster.add(new Command.AddStaff(admin, username, r, FIRST_BCU));
                }
            }
            people.add(new Demo(Role.UNIT, DEMO_TERMINAL, FIRST_BCU, DEMO_TERMINAL, StaffAccounts.randomPassword()));
        }
        // The file first: no password is ever set that nobody can read.
        write(people.stream().map(Demo::line).toList());
        List<CompletableFuture<Outcome>> answers = roster.stream().map(c -> writer.submit(c, null)).toList();
        for (int i = 0; i < answers.size(); i++) {
            Outcome o = answers.get(i).join();
            if (!(o instanceof Outcome.Decided d) || d.receipt().rejection().isPresent()) {
                throw new IllegalStateException("the demo roster's " + roster.get(i).getClass().getSimpleName()
                        + " was not recorded: " + o);
            }
        }
        for (Demo d : people) {
            accounts.create(d.account(), d.password(), clock.instant());
        }
        log.info("first start: {} accounts{}; their passwords are in {}", people.size(),
                properties.demo() ? " and a demo roster" : "", file());
    }

    /** Three response cars in each of two BCUs, around Southwark and the City. */
    private static List<Command> demoUnits(Actor admin) {
        double[][] places = {{51.5030, -0.0900}, {51.4880, -0.0700}, {51.4740, -0.0930},
                             {51.5155, -0.0922}, {51.5200, -0.0780}, {51.5110, -0.1040}};
        List<Command> out = new ArrayList<>();
        for (int i = 0; i < places.length; i++) {
            String bcu = i < 3 ? FIRST_BCU : SECOND_BCU;
            String id = bcu + "-" + (i % 3 + 1);
            out.add(new Command.AddUnit(admin, id, bcu + (21 + i % 3), bcu, new Location(places[i][0], places[i][1])));
        }
        return out;
    }

    private void heal(List<Queries.StaffView> roster, List<Queries.UnitView> units) {
        Map<String, String[]> listed = readFile();
        Set<String> onRoster = roster.stream().map(Queries.StaffView::id).collect(Collectors.toSet());
        Map<String, Queries.UnitView> unitsById = units.stream()
                .collect(Collectors.toMap(Queries.UnitView::id, u -> u, (a, b) -> a, LinkedHashMap::new));
        for (Queries.StaffView s : roster) {
            if (!StaffAccounts.validUsername(s.id())) {
                // Recorded before the API checked it (ADR 119): on the roster, but no one can log in as it.
                log.warn("staff {} can have no account: the id is not a username", s.id());
                continue;
            }
            String[] line = listed.get(s.id());
            String password = line != null && line[0].equals(s.role().name()) ? line[2] : null;
            if (accounts.create(StaffAccounts.Account.staff(s.id(), s.role(), s.bcu(),
                    password == null ? null : StaffAccounts.demoEmail(s.id())), password, clock.instant())) {
                log.info("staff {} had no account: created {}", s.id(), password == null
                        ? "without a password (an administrator sets it)" : "with its password in " + file());
            }
        }
        for (String[] line : listed.values()) {
            Queries.UnitView u = unitsById.get(line[1]);
            if (line[0].equals(Role.UNIT.name()) && u != null && accounts.create(new StaffAccounts.Account(u.id(),
                    Role.UNIT, u.bcu(), u.id(), StaffAccounts.demoEmail(u.id()), true, false), line[2], clock.instant())) {
                log.info("unit {}'s terminal had no account: created with its password in {}", u.id(), file());
            }
        }
        for (StaffAccounts.Account a : accounts.all()) {
            boolean stays = a.unitId() != null ? unitsById.containsKey(a.unitId()) : onRoster.contains(a.username());
            if (a.enabled() && !stays) {
                accounts.disable(a.username());
                log.info("account {} disabled: no longer on the roster", a.username());
            }
        }
        boolean anAdministratorCanLogIn = accounts.all().stream().anyMatch(a -> a.enabled() && a.hasPassword()
                && roster.stream().anyMatch(s -> s.id().equals(a.username()) && s.role() == Role.ADMIN));
        if (!anAdministratorCanLogIn && onRoster.contains(Writer.ADMINISTRATOR)) {
            String password = StaffAccounts.randomPassword();
            List<String> lines = new ArrayList<>();
            listed.values().stream().filter(l -> !l[1].equals(Writer.ADMINISTRATOR))
                    .forEach(l -> lines.add(String.join(" ", l)));
            lines.addFirst(Role.ADMIN + " " + Writer.ADMINISTRATOR + " " + password);
            write(lines);
            accounts.setPassword(Writer.ADMINISTRATOR, password);
            log.warn("no administrator could log in: {} has a new password, in {}", Writer.ADMINISTRATOR, file());
        }
    }

    /** The lines of demo-users.txt by username (empty when there is none). */
    private Map<String, String[]> readFile() {
        Map<String, String[]> out = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file(), StandardCharsets.UTF_8)) {
                String[] f = line.trim().split(" ");
                if (f.length == 3) {
                    out.put(f[1], f);
                }
            }
        } catch (NoSuchFileException e) {
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file() + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** Replaces the file: a new one made mode 600 before anything is written to it, then moved into place. */
    private void write(List<String> lines) {
        Path file = file();
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(FILE + ".new");
            Files.deleteIfExists(tmp);
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
