// The examples' enterprises: plainly fictitious (示例), in all four units of the
// 随州 2024 plan, covering the cases a clerk meets: dismantled, sealed in place,
// closed entirely, several lines, capacity in 万吨 and 万千伏安, no Annex 2 yet.
import { makeUscc } from "./uscc.js";

const filler = (name, phone, mobile) => ({ name, title: "科员", phone, mobile });

export function exampleRecords() {
  const r = [];
  // 曾都区
  const zd1 = makeUscc("421303", 2101);
  r.push({
    county: "曾都区",
    reportedOn: "2024-08-20",
    enterprise: { name: "随州市曾都区示例水泥粉磨有限公司", foundedOn: "2006-05", address: "随州市曾都区南郊示例路8号", uscc: zd1, closedEntirely: false },
    licenses: { production: { number: "XK08-001-02101" }, discharge: { number: `${zd1}001P` } },
    contacts: {
      legalRepresentative: { name: "张示例", title: "董事长", phone: "13907220101" },
      principal: { name: "李示例", title: "总经理", phone: "0722-3310101" },
      filler: filler("王示例", "0722-3221234", "13807220101"),
    },
    staff: { onDuty: 86, contract: 70, retired: 12 },
    assets: { total: 3200, receivables: 260, debts: 900 },
    equipment: [{ name: "Φ2.6×13m水泥磨", designCapacity: 20, quantity: 1, removedOn: "2024-11-18" }],
    rectification: { problems: "水泥磨机直径小于3.0米，属《产业结构调整指导目录（2024年本）》淘汰类装备", measures: "关停并拆除水泥磨及配套设施", result: "已拆除", disposition: "依法关停退出" },
    acceptance: {
      staff: { involved: 86, resettled: 86 },
      fixedAssetsNet: 640,
      capacity: { amount: 20, unit: "万吨" },
      effects: { energySavedTce: 3600, so2: 4.2, co2: 9400, cod: 0, nox: 12.5, landFreedMu: 18 },
      lines: [{ model: "Φ2.6×13m水泥磨 1台", shutdownOn: "2024-10-12", removedOn: "2024-11-18", destination: "拆解报废，废钢回收" }],
      auxiliaryRemoval: "辅助设施已全部拆除",
      debtsHandledLawfully: true,
      otherNotes: "无",
      enterprise: { statement: "已按要求完成淘汰任务", signedOn: "2024-11-20" },
      county: { opinion: "主体设备已拆除，不具备恢复生产条件，同意通过验收", passed: true, signedOn: "2024-11-27" },
      city: { opinion: "同意通过验收", passed: true, signedOn: "2024-12-09" },
    },
  });
  const zd2 = makeUscc("421303", 2102);
  r.push({
    county: "曾都区",
    reportedOn: "2024-08-21",
    enterprise: { name: "随州示例铸造有限公司", foundedOn: "2003", address: "随州市曾都区何店镇示例村", uscc: zd2, closedEntirely: true },
    licenses: { business: { revokedOn: "2024-11-26" }, discharge: { number: `${zd2}001U`, revokedOn: "2024-11-26" } },
    contacts: {
      legalRepresentative: { name: "赵示例", title: "执行董事", phone: "13971880102" },
      principal: { name: "赵示例", title: "执行董事", phone: "13971880102" },
      filler: filler("刘示例", "0722-3221235", "13807220102"),
    },
    staff: { onDuty: 24, contract: 20, retired: 3 },
    assets: { total: 860, receivables: 40, debts: 310 },
    equipment: [
      { name: "0.5吨无芯工频感应电炉", designCapacity: 0.3, quantity: 2, removedOn: "2024-11-08" },
      { name: "0.25吨中频感应电炉（无磁轭）", designCapacity: 0.15, quantity: 1, removedOn: "2024-11-08" },
    ],
    rectification: { problems: "使用无芯工频感应电炉，属淘汰类工艺装备", measures: "企业整体关闭，拆除全部熔炼设备", result: "已关闭", disposition: "整体关闭，吊销证照" },
    acceptance: {
      staff: { involved: 24, resettled: 24 },
      fixedAssetsNet: 150,
      capacity: { amount: 0.45, unit: "万吨" },
      effects: { energySavedTce: 420, so2: 0.3, co2: 1100, cod: 0, nox: 0.8, landFreedMu: 6 },
      lines: [
        { model: "0.5吨无芯工频感应电炉 2台", shutdownOn: "2024-10-20", removedOn: "2024-11-08", destination: "拆解报废" },
        { model: "0.25吨中频感应电炉 1台", shutdownOn: "2024-10-20", removedOn: "2024-11-08", destination: "拆解报废" },
      ],
      auxiliaryRemoval: "除尘设施一并拆除",
      debtsHandledLawfully: true,
      enterprise: { statement: "企业已整体关闭，设备全部拆除", signedOn: "2024-11-15" },
      county: { opinion: "主体设备已拆除，企业整体关闭，同意通过验收", passed: true, signedOn: "2024-11-22" },
    },
  });
  // 随县
  const sx1 = makeUscc("421321", 2201);
  r.push({
    county: "随县",
    reportedOn: "2024-08-19",
    enterprise: { name: "随县示例水泥有限公司", foundedOn: "2005-03", address: "随县厉山镇工业园区示例大道1号", uscc: sx1, closedEntirely: false },
    licenses: { production: { number: "XK08-001-02201" }, discharge: { number: `${sx1}001P` } },
    contacts: {
      legalRepresentative: { name: "孙示例", title: "董事长", phone: "13907220201" },
      principal: { name: "周示例", title: "总经理", phone: "0722-4567891" },
      filler: filler("吴示例", "0722-4221234", "13807220201"),
    },
    staff: { onDuty: 120, contract: 100, retired: 30 },
    assets: { total: 5000, receivables: 300, debts: 1200 },
    equipment: [
      { name: "Φ2.4×10m水泥磨", designCapacity: 15, quantity: 1, removedOn: null },
      { name: "Φ3.0×9m机立窑", designCapacity: 8.8, quantity: 1, removedOn: null },
    ],
    rectification: { problems: "水泥磨机直径小于3.0米、机立窑属淘汰类", measures: "停产并断水断电，封存主体设备，待司法拍卖后拆除", result: "已停产封存", disposition: "依法关停退出" },
    acceptance: {
      staff: { involved: 120, resettled: 118 },
      fixedAssetsNet: 800,
      capacity: { amount: 23.8, unit: "万吨" },
      effects: { energySavedTce: 12000, so2: 12.5, co2: 30000, cod: 0, nox: 40, landFreedMu: 0 },
      lines: [
        { model: "Φ2.4×10m水泥磨 1台", shutdownOn: "2024-10-15", removedOn: null, destination: "封存，待司法拍卖后拆除" },
        { model: "Φ3.0×9m机立窑 1台", shutdownOn: "2024-10-15", removedOn: null, destination: "封存，待司法拍卖后拆除" },
      ],
      notDismantled: { canResume: false, reason: "资产涉及司法查封，待司法拍卖处置", powerWaterCut: true, sealed: true },
      auxiliaryRemoval: "输送带、收尘器等辅助设施已拆除",
      debtsHandledLawfully: true,
      otherNotes: "2名职工因病休养，待康复后安置",
      enterprise: { statement: "已停产，主体设备封存", signedOn: "2024-11-21" },
      county: { opinion: "主体设备已断电断水并封存，不具备恢复生产条件，同意通过验收", passed: true, signedOn: "2024-11-29" },
    },
  });
  const sx2 = makeUscc("421321", 2202);
  r.push({
    county: "随县",
    reportedOn: "2024-08-22",
    enterprise: { name: "随县示例砖瓦厂", foundedOn: "1998-10", address: "随县安居镇示例村三组", uscc: sx2, closedEntirely: false },
    contacts: {
      legalRepresentative: { name: "郑示例", title: "厂长", phone: "13636220202" },
      filler: filler("冯示例", "0722-4221235", "13807220202"),
    },
    staff: { onDuty: 35, contract: 12, retired: 0 },
    assets: { total: 420, receivables: 15, debts: 160 },
    equipment: [{ name: "24门轮窑", designCapacity: 3, quantity: 1 }],
    rectification: { problems: "轮窑属淘汰类生产工艺", measures: "年内停产拆除", disposition: "限期淘汰" },
  });
  // 广水市
  const gs1 = makeUscc("421381", 2301);
  r.push({
    county: "广水市",
    reportedOn: "2024-08-18",
    enterprise: { name: "广水市示例铁合金有限公司", foundedOn: "2008-07", address: "广水市十里街道示例工业园", uscc: gs1, closedEntirely: false },
    licenses: { discharge: { number: `${gs1}001P` } },
    contacts: {
      legalRepresentative: { name: "陈示例", title: "董事长", phone: "+8613907220301" },
      principal: { name: "褚示例", title: "副总经理", phone: "0722-6231001转8021" },
      filler: filler("卫示例", "0722-6221234", "13807220301"),
    },
    staff: { onDuty: 210, contract: 180, retired: 45 },
    assets: { total: 12500, receivables: 1300, debts: 4600 },
    equipment: [
      { name: "6300千伏安矿热炉", designCapacity: 3, quantity: 2, removedOn: "2024-11-25" },
      { name: "3200千伏安矿热炉", designCapacity: 1.2, quantity: 1, removedOn: "2024-11-25" },
    ],
    rectification: { problems: "单台容量小于12500千伏安的矿热炉属淘汰类", measures: "拆除3台矿热炉，产能置换建设新线", result: "已拆除", disposition: "依法淘汰" },
    acceptance: {
      staff: { involved: 95, resettled: 95 },
      fixedAssetsNet: 2100,
      capacity: { amount: 1.58, unit: "万千伏安" },
      effects: { energySavedTce: 18500, so2: 35, co2: 46000, cod: 0, nox: 52, landFreedMu: 0 },
      lines: [
        { model: "6300千伏安矿热炉 2台", shutdownOn: "2024-10-25", removedOn: "2024-11-25", destination: "拆解报废" },
        { model: "3200千伏安矿热炉 1台", shutdownOn: "2024-10-28", removedOn: "2024-11-25", destination: "拆解报废" },
      ],
      auxiliaryRemoval: "配套变压器、除尘设施已拆除",
      debtsHandledLawfully: true,
      enterprise: { statement: "3台矿热炉已全部拆除", signedOn: "2024-11-26" },
      county: { opinion: "主体设备已拆除，同意通过验收", passed: true, signedOn: "2024-11-30" },
      city: { opinion: "同意通过验收", passed: true, signedOn: "2024-12-12" },
    },
  });
  const gs2 = makeUscc("421381", 2302);
  r.push({
    county: "广水市",
    reportedOn: "2024-08-18",
    enterprise: { name: "广水示例造纸有限公司", foundedOn: "2001", address: "广水市广办示例路16号", uscc: gs2, taxNo: gs2, orgCode: `${gs2.slice(8, 16)}-${gs2[16]}`, phone: "0722-6456789", closedEntirely: false },
    licenses: { discharge: { number: `${gs2}001R` } },
    contacts: {
      legalRepresentative: { name: "蒋示例", title: "总经理", phone: "13807220302" },
      filler: filler("沈示例", "0722-6221235", "13807220303"),
    },
    staff: { onDuty: 60, contract: 52, retired: 8 },
    assets: { total: 1800, receivables: 120, debts: 700 },
    equipment: [{ name: "1092mm长网多缸造纸机", designCapacity: 1.5, quantity: 1, removedOn: "2024-11-12" }],
    rectification: { problems: "幅宽1092毫米长网造纸机属淘汰类", measures: "拆除造纸机", result: "已拆除", disposition: "依法淘汰" },
    acceptance: {
      staff: { involved: 40, resettled: 40 },
      fixedAssetsNet: 300,
      capacity: { amount: 1.5, unit: "万吨" },
      effects: { energySavedTce: 2600, so2: 1.8, co2: 6800, cod: 45, nox: 2.1, landFreedMu: 4.5 },
      lines: [{ model: "1092mm长网多缸造纸机 1台", shutdownOn: "2024-10-30", removedOn: "2024-11-12", destination: "拆解报废" }],
      auxiliaryRemoval: "制浆设备一并拆除",
      debtsHandledLawfully: true,
      enterprise: { statement: "造纸机已拆除", signedOn: "2024-11-14" },
      county: { opinion: "同意通过验收", passed: true, signedOn: "2024-11-28" },
    },
  });
  // 随州高新区
  const gx1 = makeUscc("421300", 2401);
  r.push({
    county: "随州高新区",
    reportedOn: "2024-08-23",
    enterprise: { name: "随州高新区示例印染有限公司", foundedOn: "2010-04-01", address: "随州高新区淅河镇示例路2号", uscc: gx1, closedEntirely: false },
    licenses: { discharge: { number: `${gx1}001P` } },
    contacts: {
      legalRepresentative: { name: "韩示例", title: "董事长", phone: "13907220401" },
      principal: { name: "杨示例", title: "厂长", phone: "0722-3581234" },
      filler: filler("朱示例", "0722-3581235", "13807220401"),
    },
    staff: { onDuty: 150, contract: 140, retired: 20 },
    assets: { total: 6800, receivables: 500, debts: 2100 },
    equipment: [
      { name: "使用年限超过15年的前处理设备", designCapacity: 0.8, quantity: 4, removedOn: "2024-11-29" },
      { name: "浴比大于1:10的间歇式染色设备", designCapacity: 0.6, quantity: 6, removedOn: "2024-11-29" },
      { name: "落后型号的平网印花机", designCapacity: 0.2, quantity: 1, removedOn: "2024-11-29" },
    ],
    rectification: { problems: "印染前处理、染色设备属淘汰类", measures: "淘汰旧设备，更新节能型设备", result: "已拆除", disposition: "限期淘汰" },
    acceptance: {
      staff: { involved: 30, resettled: 30 },
      fixedAssetsNet: 420,
      capacity: { amount: 2, unit: "万吨" },
      effects: { energySavedTce: 1500, so2: 0.6, co2: 3900, cod: 80, nox: 1.2, landFreedMu: 0 },
      lines: [
        { model: "前处理设备 4台", shutdownOn: "2024-10-31", removedOn: "2024-11-29", destination: "拆解报废" },
        { model: "间歇式染色设备 6台", shutdownOn: "2024-10-31", removedOn: "2024-11-29", destination: "拆解报废" },
        { model: "平网印花机 1台", shutdownOn: "2024-10-31", removedOn: "2024-11-29", destination: "出售给回收企业拆解" },
      ],
      auxiliaryRemoval: "配套管道已拆除",
      debtsHandledLawfully: true,
      enterprise: { statement: "淘汰设备已全部拆除", signedOn: "2024-11-29" },
      county: { opinion: "同意通过验收", passed: true, signedOn: "2024-11-30" },
    },
  });
  const gx2 = makeUscc("421300", 2402);
  r.push({
    county: "随州高新区",
    reportedOn: "2024-08-23",
    enterprise: { name: "随州示例专用汽车配件有限公司", foundedOn: "2012-06", address: "随州高新区示例大道99号", uscc: gx2, closedEntirely: false },
    contacts: {
      legalRepresentative: { name: "秦示例", title: "总经理", phone: "13907220402" },
      filler: filler("尤示例", "0722-3581236", "13807220402"),
    },
    staff: { onDuty: 45, contract: 40, retired: 2 },
    assets: { total: 2300, receivables: 210, debts: 650 },
    equipment: [{ name: "冲天炉（熔化率小于10吨/小时）", designCapacity: 0.5, quantity: 1, removedOn: "2024-11-30" }],
    rectification: { problems: "冲天炉熔化率低，属淘汰类", measures: "以电炉替代冲天炉", result: "已拆除", disposition: "依法淘汰" },
    acceptance: {
      staff: { involved: 12, resettled: 12 },
      fixedAssetsNet: 90,
      capacity: { amount: 0.5, unit: "万吨" },
      effects: { energySavedTce: 700, so2: 0.9, co2: 1800, cod: 0, nox: 0.6, landFreedMu: 0 },
      lines: [{ model: "冲天炉 1台", shutdownOn: "2024-10-28", removedOn: "2024-11-30", destination: "拆解报废" }],
      debtsHandledLawfully: true,
      enterprise: { statement: "冲天炉已拆除", signedOn: "2024-11-30" },
    },
  });
  return r;
}
