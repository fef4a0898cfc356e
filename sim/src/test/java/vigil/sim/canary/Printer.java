package vigil.sim.canary;

/** Canary: writes to standard output, which the projection may never do (the CLI prints what it returns). */
public class Printer {
    public void print(String s) {
        System.out.println(s);
    }
}
