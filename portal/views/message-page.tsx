// A simple page with a title, a message and a way back (errors, "link used", "mail sent").
import type { VNode } from "preact";
import { Alert, Card } from "./components";

export function MessageView(props: {
  title: string;
  message: string;
  kind?: "error" | "info" | "success";
  link?: { href: string; label: string };
}): VNode {
  return (
    <Card title={props.title}>
      <Alert kind={props.kind ?? "info"}>{props.message}</Alert>
      {props.link && (
        <p class="actions">
          <a class="button-link" href={props.link.href}>
            {props.link.label}
          </a>
        </p>
      )}
    </Card>
  );
}
