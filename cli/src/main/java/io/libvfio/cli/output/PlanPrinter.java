package io.libvfio.cli.output;

import io.libvfio.api.VfioException;
import io.libvfio.runtime.plan.Candidate;
import io.libvfio.runtime.plan.CandidateResult;
import io.libvfio.runtime.plan.Plan;
import io.libvfio.runtime.plan.Policy;
import io.libvfio.runtime.plan.Rejection;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code libvfio plan}'s output: per request the choice, then every candidate with its outcome and why. */
public final class PlanPrinter
{
    private PlanPrinter()
    {
    }

    public static void text(PrintWriter out, String root, Policy policy, List<Plan> plans, List<String> skipped)
    {
        out.println("libvfio plan: host " + root + ", policy " + policy.label());
        if (plans.isEmpty()) {
            out.println();
            out.println("No GPU slice asked for.");
        }
        for (Plan plan : plans) {
            out.println();
            out.println("Request " + plan.request().label() + ": " + plan.chosen().map(PlanPrinter::summary).orElse("cannot be satisfied"));
            Table table = new Table("OUTCOME", "GPU", "NUMA", "TYPE", "MECHANISM", "FRAMEBUFFER", "FREE", "WHY");
            for (CandidateResult result : plan.results()) {
                Candidate candidate = result.candidate();
                table.row(result.outcome().label(), candidate.gpu().toString(), candidate.numaLabel(), candidate.label(), candidate.type().mechanism().label(),
                        candidate.type().framebufferMib() + " MiB", Integer.toString(result.free()), result.explanation());
            }
            if (plan.results().isEmpty()) {
                out.println("No GPU here offers vGPU types (see 'libvfio gpus').");
            }
            else {
                table.print(out);
            }
            plan.errors().forEach(error -> out.println("Could not read: " + error));
        }
        for (String entry : skipped) {
            out.println();
            out.println("Not planned: " + entry);
        }
        out.flush();
    }

    private static String summary(CandidateResult chosen)
    {
        Candidate candidate = chosen.candidate();
        String node = candidate.numaNode().isPresent() ? "NUMA node " + candidate.numaNode().getAsInt() : "no NUMA node";
        return "%s (%d MiB, %s, %d free before this)".formatted(candidate.describe(), candidate.type().framebufferMib(), node, chosen.free());
    }

    public static void json(PrintWriter out, String root, Policy policy, List<Plan> plans, List<String> skipped, Optional<VfioException> failure)
    {
        Map<String, Object> document = Json.document();
        document.put("root", root);
        document.put("policy", policy.label());
        document.put("satisfied", failure.isEmpty());
        List<Object> views = new ArrayList<>();
        for (Plan plan : plans) {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("request", plan.request().label());
            view.put("conditions", plan.request().conditions());
            view.put("satisfied", plan.satisfied());
            view.put("chosen", plan.chosen().map(PlanPrinter::candidate).orElse(null));
            List<Object> candidates = new ArrayList<>();
            for (CandidateResult result : plan.results()) {
                candidates.add(candidate(result));
            }
            view.put("candidates", candidates);
            view.put("errors", plan.errors());
            views.add(view);
        }
        document.put("plans", views);
        document.put("notPlanned", skipped);
        document.put("error", failure.map(PlanPrinter::error).orElse(null));
        Json.print(out, document);
    }

    private static Map<String, Object> candidate(CandidateResult result)
    {
        Candidate candidate = result.candidate();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("outcome", result.outcome().label());
        view.put("gpu", candidate.gpu().toString());
        view.put("model", candidate.model());
        view.put("numaNode", candidate.numaNode().isPresent() ? candidate.numaNode().getAsInt() : null);
        view.put("type", candidate.type().id());
        view.put("name", candidate.type().name());
        view.put("mechanism", candidate.type().mechanism().label());
        view.put("framebufferMib", candidate.type().framebufferMib());
        view.put("free", result.free());
        List<Object> reasons = new ArrayList<>();
        for (Rejection rejection : result.rejections()) {
            reasons.add(rejection.reason().label());
        }
        view.put("reasons", reasons);
        view.put("explanation", result.explanation());
        return view;
    }

    private static Map<String, Object> error(VfioException error)
    {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", error.errorCode().name());
        body.put("category", error.category().name());
        body.put("exitCode", error.category().exitCode());
        body.put("message", error.getMessage());
        return body;
    }
}
