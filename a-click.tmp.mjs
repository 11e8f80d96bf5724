import { chromium } from "@playwright/test";
const b = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox","--disable-gpu"] });
const p = await b.newPage();
p.on("response", r => { if (r.status() >= 400) console.log("RESP", r.status(), r.url()); });
p.on("console", m => console.log("CONSOLE", m.type(), m.text().slice(0,200)));
p.on("framenavigated", f => { if (f === p.mainFrame()) console.log("NAV", f.url()); });
await p.goto("http://localhost:3201/", { waitUntil: "networkidle" });
await p.evaluate(() => { window.__marker = 1; });
for (const name of ["Organizaciones", "Iniciativas", "Eventos"]) {
  await p.getByRole("navigation").getByRole("link", { name, exact: true }).first().click();
  await p.waitForTimeout(4000);
  console.log("after", name, p.url(), await p.evaluate(() => window.__marker));
}
await b.close();
