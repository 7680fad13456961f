import type { RecordRule } from "./types.js";

/** A reviewer with a question calls the 填报人: a name and at least one number to call. */
export const fillerContact: RecordRule = {
  id: "filler-contact",
  severity: "warning",
  scope: "record",
  messages: {
    "zh-CN": {
      none: "未填写填报人及其联系电话、手机，核实时无人可问",
      name: "未填写填报人，核实时无人可问",
      phone: "填报人的联系电话和手机都未填写，核实时无法联系",
    },
    en: {
      none: "neither the filler nor a phone or mobile is given: nobody to ask when checking",
      name: "no filler is named: nobody to ask when checking",
      phone: "neither the filler's phone nor mobile is given: no way to call back",
    },
  },
  check(rec, ctx) {
    // what the clerk typed: an unreadable number is still a number, with its own finding
    const typed = (path: string) => rec.typed.has(path);
    const noName = !typed("contacts.filler.name");
    const noNumber = !typed("contacts.filler.phone") && !typed("contacts.filler.mobile");
    // one question for the reviewer, not two, when the 填报人 row was left empty
    if (noName && noNumber) ctx.report({ record: rec, field: "contacts.filler.name", messageId: "none" });
    else if (noName) ctx.report({ record: rec, field: "contacts.filler.name", messageId: "name" });
    else if (noNumber) ctx.report({ record: rec, field: "contacts.filler.phone", messageId: "phone" });
  },
};
