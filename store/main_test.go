package store_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // database/sql driver "pgx", for the tests' queries
)

// pg is the throwaway PostgreSQL cluster of this test run, nil when none.
var (
	pg      *pgCluster
	pgSkip  string // why PostgreSQL tests skip
	dbCount atomic.Int64
)

func TestMain(m *testing.M) {
	if os.Getenv(childEnv) != "" {
		os.Exit(childLoad())
	}
	var err error
	pg, err = startPG()
	if err != nil {
		if os.Getenv("QUARRY_REQUIRE_PG") != "" {
			fmt.Fprintf(os.Stderr, "QUARRY_REQUIRE_PG is set but PostgreSQL cannot be started: %v\n", err)
			os.Exit(1)
		}
		pgSkip = fmt.Sprintf("PostgreSQL tests skipped: %v (install the server, e.g. apt-get install postgresql, or set QUARRY_PG_DSN)", err)
		fmt.Fprintln(os.Stderr, pgSkip)
	}
	code := m.Run()
	if pg != nil {
		pg.stop()
	}
	os.Exit(code)
}

// pgCluster is a server started for the tests (initdb into a temp dir,
// loopback port, socket in the temp dir), or one named by QUARRY_PG_DSN.
type pgCluster struct {
	dir   string
	bin   string
	runAs string // "postgres" when we are root: initdb refuses to run as root
	admin string // DSN of a database we may CREATE DATABASE from
}

func findPGBin() (string, error) {
	if b := os.Getenv("QUARRY_PG_BIN"); b != "" {
		return b, nil
	}
	cands, _ := filepath.Glob("/usr/lib/postgresql/*/bin/initdb")
	more, _ := filepath.Glob("/usr/pgsql-*/bin/initdb")
	cands = append(cands, more...)
	// Highest version first ("9" < "15" as text, so compare numerically).
	ver := func(p string) int {
		for _, part := range strings.Split(p, "/") {
			part = strings.TrimPrefix(part, "pgsql-")
			if n, err := strconv.Atoi(part); err == nil {
				return n
			}
		}
		return 0
	}
	sort.Slice(cands, func(i, j int) bool { return ver(cands[i]) > ver(cands[j]) })
	if len(cands) > 0 {
		return filepath.Dir(cands[0]), nil
	}
	if p, err := exec.LookPath("initdb"); err == nil {
		return filepath.Dir(p), nil
	}
	return "", errors.New("no PostgreSQL server binaries (initdb) found")
}

func startPG() (*pgCluster, error) {
	if dsn := os.Getenv("QUARRY_PG_DSN"); dsn != "" {
		return &pgCluster{admin: dsn}, nil
	}
	bin, err := findPGBin()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "quarry-pg-")
	if err != nil {
		return nil, err
	}
	c := &pgCluster{dir: dir, bin: bin}
	if os.Geteuid() == 0 {
		u, err := user.Lookup("postgres")
		if err != nil {
			os.RemoveAll(dir)
			return nil, errors.New("running as root and there is no postgres user to run the server as")
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		if err := os.Chown(dir, uid, gid); err != nil {
			os.RemoveAll(dir)
			return nil, err
		}
		c.runAs = "postgres"
	}
	data := filepath.Join(dir, "data")
	if err := c.run("initdb", "-D", data, "-U", "quarry", "--auth=trust", "--no-sync", "-E", "UTF8", "--locale=C"); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	for attempt := 0; ; attempt++ {
		port, err := freePort()
		if err != nil {
			os.RemoveAll(dir)
			return nil, err
		}
		// Durability off: the cluster is thrown away after the run.
		o := fmt.Sprintf("-p %d -k %s -c listen_addresses=127.0.0.1 -F -c full_page_writes=off -c synchronous_commit=off", port, dir)
		err = c.run("pg_ctl", "-D", data, "-l", filepath.Join(dir, "server.log"), "-w", "-t", "60", "-o", o, "start")
		if err == nil {
			c.admin = fmt.Sprintf("postgres://quarry@127.0.0.1:%d/postgres?sslmode=disable", port)
			return c, nil
		}
		if attempt == 2 {
			logb, _ := os.ReadFile(filepath.Join(dir, "server.log"))
			os.RemoveAll(dir)
			return nil, fmt.Errorf("%v\n%s", err, logb)
		}
	}
}

// run runs a server binary, as the postgres user when we are root.
func (c *pgCluster) run(name string, args ...string) error {
	path := filepath.Join(c.bin, name)
	var cmd *exec.Cmd
	if c.runAs != "" {
		if _, err := exec.LookPath("runuser"); err == nil {
			cmd = exec.Command("runuser", append([]string{"-u", c.runAs, "--", path}, args...)...)
		} else {
			q := []string{shellQuote(path)}
			for _, a := range args {
				q = append(q, shellQuote(a))
			}
			cmd = exec.Command("su", c.runAs, "-s", "/bin/sh", "-c", strings.Join(q, " "))
		}
	} else {
		cmd = exec.Command(path, args...)
	}
	// A file, not a pipe: the server pg_ctl starts must not hold our pipe open.
	out, err := os.CreateTemp("", "quarry-pg-out-")
	if err != nil {
		return err
	}
	defer os.Remove(out.Name())
	defer out.Close()
	cmd.Stdout, cmd.Stderr = out, out
	cmd.Dir = os.TempDir()
	if err := cmd.Run(); err != nil {
		b, _ := os.ReadFile(out.Name())
		return fmt.Errorf("%s: %v: %s", name, err, strings.TrimSpace(string(b)))
	}
	return nil
}

func shellQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

func (c *pgCluster) stop() {
	if c.dir == "" {
		return
	}
	_ = c.run("pg_ctl", "-D", filepath.Join(c.dir, "data"), "-m", "immediate", "stop")
	os.RemoveAll(c.dir)
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// dsnFor replaces the database name of a postgres:// DSN.
func dsnFor(admin, db string) string {
	i := strings.Index(admin, "://")
	rest := admin[i+3:]
	slash := strings.Index(rest, "/")
	q := ""
	if k := strings.Index(rest, "?"); k >= 0 {
		q = rest[k:]
		if slash < 0 || slash > k {
			slash = k
		}
	}
	if slash < 0 {
		return admin + "/" + db
	}
	return admin[:i+3] + rest[:slash] + "/" + db + q
}

// newPGDB creates an empty database and returns its DSN.
func newPGDB(t testing.TB) string {
	t.Helper()
	if pg == nil {
		t.Skip(pgSkip)
	}
	name := fmt.Sprintf("quarry_test_%d_%d", os.Getpid(), dbCount.Add(1))
	// FILE_COPY is much faster than the default WAL_LOG for tiny databases
	// (PostgreSQL 15+); older servers do not know the option.
	if err := adminTry("CREATE DATABASE " + name + " TEMPLATE template0 STRATEGY FILE_COPY"); err != nil {
		adminExec(t, "CREATE DATABASE "+name+" TEMPLATE template0")
	}
	t.Cleanup(func() {
		db, err := sql.Open("pgx", pg.admin)
		if err == nil {
			db.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
			db.Close()
		}
	})
	return dsnFor(pg.admin, name)
}

func adminTry(q string) error {
	db, err := sql.Open("pgx", pg.admin)
	if err != nil {
		return err
	}
	defer db.Close()
	_, err = db.Exec(q)
	return err
}

func adminExec(t testing.TB, q string) {
	t.Helper()
	db, err := sql.Open("pgx", pg.admin)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if _, err := db.ExecContext(ctx, q); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}
