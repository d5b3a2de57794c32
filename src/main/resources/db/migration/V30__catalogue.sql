-- The standard catalogue (事件分类, as 数字城管 practice after GB/T 30428 keeps it): case kinds
-- are the 大类 and their check items the 小类, each with a two-digit code (a 小类's full code is
-- the four digits). A 小类 carries its 立案标准 (when a report is accepted), 结案标准 (when it
-- counts as done) and the kind of department responsible; time limits are set per stage, for a
-- 大类 as a whole or a 小类, for any priority or one.

ALTER TABLE case_kind ADD COLUMN class_code char(2);
UPDATE case_kind k SET class_code = lpad(n::text, 2, '0')
FROM (SELECT code, row_number() OVER (ORDER BY sort_order, code) AS n FROM case_kind) o WHERE o.code = k.code;
ALTER TABLE case_kind ALTER COLUMN class_code SET NOT NULL, ADD CONSTRAINT case_kind_class_code_key UNIQUE (class_code),
    ADD CONSTRAINT case_kind_class_code_digits CHECK (class_code ~ '^[0-9]{2}$');

ALTER TABLE case_item ADD COLUMN sub_code char(2), ADD COLUMN accept_standard text, ADD COLUMN close_standard text,
    ADD COLUMN department_kind varchar(40);
UPDATE case_item i SET sub_code = lpad(n::text, 2, '0')
FROM (SELECT code, row_number() OVER (PARTITION BY kind_code ORDER BY sort_order, code) AS n FROM case_item) o WHERE o.code = i.code;
ALTER TABLE case_item ALTER COLUMN sub_code SET NOT NULL, ADD CONSTRAINT case_item_sub_code_key UNIQUE (kind_code, sub_code),
    ADD CONSTRAINT case_item_sub_code_digits CHECK (sub_code ~ '^[0-9]{2}$');

-- Stages: ACCEPT (report → 立案 or not), DISPATCH (立案 → 派遣), HANDLE (report → resolved: the
-- case's deadline, moved by extensions and parking), VERIFY (resolved → 核查).
-- item_code '' is the 大类's limit (for its 小类 without their own); priority '' is any priority.
CREATE TABLE stage_limit (
    kind_code  varchar(40) NOT NULL REFERENCES case_kind (code),
    item_code  varchar(60) NOT NULL DEFAULT '',
    stage      varchar(10) NOT NULL CHECK (stage IN ('ACCEPT', 'DISPATCH', 'HANDLE', 'VERIFY')),
    priority   varchar(10) NOT NULL DEFAULT '' CHECK (priority IN ('', 'URGENT', 'HIGH', 'NORMAL', 'LOW')),
    amount     integer     NOT NULL CHECK (amount > 0),
    unit       varchar(15) NOT NULL CHECK (unit IN ('MINUTES', 'HOURS', 'WORKING_HOURS', 'WORKING_DAYS')),
    PRIMARY KEY (kind_code, item_code, stage, priority)
);
INSERT INTO stage_limit (kind_code, stage, priority, amount, unit)
SELECT kind_code, 'HANDLE', priority, hours, 'HOURS' FROM deadline_policy;
DROP TABLE deadline_policy;

INSERT INTO stage_limit (kind_code, stage, amount, unit)
SELECT k.code, s.stage, CASE WHEN k.code = 'EMERGENCY' THEN s.urgent ELSE s.amount END,
       CASE WHEN k.code = 'EMERGENCY' THEN s.urgent_unit ELSE s.unit END
FROM case_kind k, (VALUES ('ACCEPT', 2, 'WORKING_HOURS', 30, 'MINUTES'), ('DISPATCH', 2, 'WORKING_HOURS', 30, 'MINUTES'),
                          ('VERIFY', 1, 'WORKING_DAYS', 4, 'HOURS')) AS s(stage, amount, unit, urgent, urgent_unit);

-- The most specific limit: the 小类's before the 大类's, one priority's before any priority's.
CREATE FUNCTION stage_limit_of(p_kind text, p_item text, p_stage text, p_priority text, OUT amount integer, OUT unit text)
LANGUAGE sql STABLE AS $$
    SELECT l.amount, l.unit FROM stage_limit l
    WHERE l.kind_code = p_kind AND l.item_code IN (coalesce(p_item, ''), '') AND l.stage = p_stage AND l.priority IN (p_priority, '')
    ORDER BY l.item_code = '', l.priority = '' LIMIT 1;
$$;

-- Where a case stands against its limits. due_working / stage_working: whether the deadline is
-- in working time (so that parking moves it on in the same kind of time). stage_due_at: the
-- deadline of the stage the case is in when that is not handling (accept, dispatch, verify).
-- The *_on_time flags are set as each stage ends (null: not ended, or ended before limits existed).
ALTER TABLE case_file ADD COLUMN due_working boolean NOT NULL DEFAULT false,
                      ADD COLUMN stage_due_at timestamptz,
                      ADD COLUMN stage_working boolean NOT NULL DEFAULT false,
                      ADD COLUMN accepted_on_time boolean,
                      ADD COLUMN dispatched_on_time boolean,
                      ADD COLUMN resolved_on_time boolean,
                      ADD COLUMN verified_on_time boolean;

-- The shipped catalogue's standards; a centre replaces them by importing its own.
UPDATE case_item i SET accept_standard = s.accept_standard, close_standard = s.close_standard, department_kind = s.department_kind
FROM (VALUES
    ('DISPUTE_NEIGHBOUR',      '当事人双方明确、诉求具体的邻里矛盾', '双方达成调解协议或书面说明无法调解并引导司法途径', 'JUDICIAL'),
    ('DISPUTE_FAMILY',         '涉及婚姻、赡养、抚养等家庭矛盾，有当事人或知情人反映', '调解完成并回访，无家暴风险；有风险的已移交公安和妇联', 'POLICE'),
    ('DISPUTE_LAND',           '权属界线不清、有争议事实的土地山林纠纷', '调处达成协议或移交自然资源部门并告知当事人', 'NATURAL_RESOURCES'),
    ('DISPUTE_WAGES',          '有用工事实、拖欠金额明确的劳资纠纷', '工资支付到位或移交人社部门立案', 'HUMAN_RESOURCES'),
    ('HAZARD_FIRE',            '现场可见的消防通道堵塞、设施损坏或违规用火用电', '隐患消除并有整改前后照片', 'FIRE'),
    ('HAZARD_GAS',             '燃气泄漏气味、管线破损或违规使用瓶装气', '燃气单位处置完毕，复查无泄漏', 'GAS'),
    ('HAZARD_BUILDING',        '房屋出现裂缝、倾斜、沉降等可见险情', '鉴定完成，危房人员已撤离或加固完成', 'HOUSING'),
    ('HAZARD_FLOOD',           '河道、沟渠、边坡有汛期险情', '险情排除或设置警示并落实巡查责任人', 'WATER'),
    ('LIVELIHOOD_ELDERLY',     '独居、失能等老人提出的具体求助', '求助事项办结并电话回访', 'CIVIL_AFFAIRS'),
    ('LIVELIHOOD_WATER_POWER', '供水、供电、道路设施损坏影响群众生活', '设施修复并恢复使用', 'UTILITIES'),
    ('LIVELIHOOD_ASSISTANCE',  '符合救助条件的困难群众申请', '救助审批完成或书面告知不予救助理由', 'CIVIL_AFFAIRS'),
    ('SECURITY_FRAUD',         '有具体号码、账户或人员的诈骗线索', '移交公安并取得受理回执', 'POLICE'),
    ('SECURITY_DRUGS',         '有具体地点或人员的涉毒线索', '移交公安并取得受理回执', 'POLICE'),
    ('SECURITY_GAMBLING',      '有具体地点或人员的涉赌线索', '移交公安并取得受理回执', 'POLICE'),
    ('ENV_WASTE',              '公共区域可见的垃圾堆放、渣土乱倒', '现场清理干净并有处置后照片', 'SANITATION'),
    ('ENV_POLLUTION',          '可感知的废水、废气、噪声或固废污染', '污染源停止排放或移交生态环境部门立案', 'ENVIRONMENT'),
    ('EMERGENCY_ACCIDENT',     '正在发生或刚发生、危及人身财产的意外事故', '现场处置完毕，伤员救治，隐患排除', 'EMERGENCY_MANAGEMENT'),
    ('EMERGENCY_DISASTER',     '正在发生或可能发生的自然灾害险情', '人员转移安置到位，险情解除', 'EMERGENCY_MANAGEMENT')
) AS s(code, accept_standard, close_standard, department_kind) WHERE s.code = i.code;

-- 小类 whose standards count handling in working time.
INSERT INTO stage_limit (kind_code, item_code, stage, priority, amount, unit) VALUES
    ('ENVIRONMENT', 'ENV_WASTE', 'HANDLE', 'NORMAL', 1, 'WORKING_DAYS'),
    ('LIVELIHOOD', 'LIVELIHOOD_WATER_POWER', 'HANDLE', 'NORMAL', 3, 'WORKING_DAYS'),
    ('LIVELIHOOD', 'LIVELIHOOD_ASSISTANCE', 'HANDLE', '', 7, 'WORKING_DAYS'),
    ('SAFETY_HAZARD', 'HAZARD_GAS', 'HANDLE', 'NORMAL', 4, 'WORKING_HOURS');
