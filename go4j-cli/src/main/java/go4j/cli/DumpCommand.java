package go4j.cli;

import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import javax.management.InstanceNotFoundException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ./go4j dump <pid>}: every goroutine of a running JVM in Go's traceback form, read from its
 * {@code go4j:type=Runtime} bean. The JDK's attach API starts the target's local JMX agent (as
 * {@code jcmd ManagementAgent.start_local} does) and the bean is asked over that connection, so
 * the target needs no flag; it must run as the same user.
 */
@Command(name = "dump", sortOptions = false,
        description = {"Prints every goroutine of a running go4j program (JVM process id) in Go's traceback form."})
public final class DumpCommand implements Callable<Integer> {
    static final String BEAN = "go4j:type=Runtime";

    @Parameters(paramLabel = "pid", description = "the JVM's process id (jps lists them)")
    String pid;

    @Option(names = "--grouped", description = "Go's debug=1 form: identical stacks once, with how many goroutines share them")
    boolean grouped;

    @Option(names = "--pprof", paramLabel = "FILE", description = "write the goroutine profile in pprof's format (for go tool pprof) instead")
    Path pprof;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!pid.chars().allMatch(Character::isDigit) || pid.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "not a process id: " + pid);
        }
        VirtualMachine vm;
        try {
            vm = VirtualMachine.attach(pid);
        } catch (AttachNotSupportedException | IOException e) {
            throw new ParameterException(spec.commandLine(), "cannot attach to process " + pid + ": " + e.getMessage()
                    + " (is it a JVM running as this user?)");
        }
        String address;
        try {
            address = vm.startLocalManagementAgent();
        } finally {
            vm.detach();
        }
        PrintWriter out = spec.commandLine().getOut();
        try (JMXConnector c = JMXConnectorFactory.connect(new JMXServiceURL(address))) {
            MBeanServerConnection server = c.getMBeanServerConnection();
            ObjectName name = new ObjectName(BEAN);
            try {
                if (pprof != null) {
                    byte[] profile = (byte[]) server.invoke(name, "profile", null, null);
                    Files.write(pprof, profile);
                    out.println("go4j dump: goroutine profile of process " + pid + " written to " + pprof.toAbsolutePath());
                } else {
                    out.print((String) server.invoke(name, grouped ? "dumpGrouped" : "dump", null, null));
                }
            } catch (InstanceNotFoundException e) {
                throw new ParameterException(spec.commandLine(), "process " + pid + " has no " + BEAN
                        + " bean: it has not started go4j's runtime yet, runs with -Dgo4j.jmx=false, or is not a go4j program");
            }
        }
        out.flush();
        return 0;
    }
}
